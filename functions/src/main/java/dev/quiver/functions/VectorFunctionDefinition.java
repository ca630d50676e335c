package dev.quiver.functions;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;

/**
 * One SQL function as Calcite sees it: SQL parameter and return types stated explicitly (a vector is
 * {@code REAL ARRAY}, which Java reflection cannot express), implemented by a static method of
 * {@link VectorFunctions} under SQL's strict null policy (a NULL argument gives NULL).
 */
final class VectorFunctionDefinition implements ScalarFunction, ImplementableFunction {

  private final List<FunctionParameter> parameters;
  private final Function<RelDataTypeFactory, RelDataType> returnType;
  private final Method method;

  VectorFunctionDefinition(Method method, List<String> parameterNames,
      List<Function<RelDataTypeFactory, RelDataType>> parameterTypes,
      Function<RelDataTypeFactory, RelDataType> returnType) {
    this.method = method;
    this.returnType = returnType;
    List<FunctionParameter> params = new ArrayList<>();
    for (int i = 0; i < parameterNames.size(); i++) {
      params.add(new Parameter(i, parameterNames.get(i), parameterTypes.get(i)));
    }
    this.parameters = List.copyOf(params);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return parameters;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(returnType.apply(typeFactory), true);
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(new ReflectiveCallNotNullImplementor(method), NullPolicy.STRICT, false);
  }

  private record Parameter(int ordinal, String name, Function<RelDataTypeFactory, RelDataType> type)
      implements FunctionParameter {

    @Override
    public int getOrdinal() {
      return ordinal;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public RelDataType getType(RelDataTypeFactory typeFactory) {
      return type.apply(typeFactory);
    }

    @Override
    public boolean isOptional() {
      return false;
    }
  }
}
