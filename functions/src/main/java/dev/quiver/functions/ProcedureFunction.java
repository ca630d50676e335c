package dev.quiver.functions;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A {@link Procedure} as Calcite sees it: a table function with the procedure's parameters and a fixed row type,
 * implemented by generated code that calls the procedure's body with the call's {@link ProcedureArguments}. Public
 * only for that code; {@link Procedure#function} makes instances.
 */
public final class ProcedureFunction implements TableFunction, ImplementableFunction {

  private final Procedure procedure;
  /** The qualified name, for messages: {@code quiver.rebuild}. */
  private final String qualifiedName;
  private final List<FunctionParameter> parameters;

  ProcedureFunction(Procedure procedure, String schema) {
    this.procedure = procedure;
    this.qualifiedName = schema + "." + procedure.name();
    List<FunctionParameter> list = new ArrayList<>();
    for (Procedure.Parameter parameter : procedure.parameters()) {
      for (String name : parameter.sqlNames()) {
        list.add(new Parameter(list.size(), name, parameter));
      }
    }
    this.parameters = List.copyOf(list);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return parameters;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends @Nullable Object> arguments) {
    RelDataTypeFactory.Builder row = typeFactory.builder();
    for (Procedure.Column column : procedure.columns()) {
      row.add(column.name(), column.type()).nullable(column.nullable());
    }
    return row.build();
  }

  @Override
  public Type getElementType(List<? extends @Nullable Object> arguments) {
    return Object[].class;
  }

  @Override
  public CallImplementor getImplementor() {
    // NullPolicy.NONE: a NULL argument reaches the body, which reports it naming the parameter.
    return RexImpTable.createImplementor(this::implement, NullPolicy.NONE, false);
  }

  /** {@code ProcedureFunction.rows(Body.call(root, new ProcedureArguments(name, names, values)))}. */
  private Expression implement(RexToLixTranslator translator, RexCall call, List<Expression> operands) {
    List<Expression> names = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      names.add(Expressions.constant(parameters.get(i).getName()));
      // An optional argument the call left out arrives as DEFAULT(), which would evaluate to NULL.
      boolean absent = i >= operands.size() || call.getOperands().get(i).getKind() == SqlKind.DEFAULT;
      values.add(absent ? Expressions.field(null, ProcedureArguments.class, "ABSENT")
          : Expressions.box(operands.get(i)));
    }
    Expression arguments = Expressions.new_(ProcedureArguments.class, Expressions.constant(qualifiedName),
        Expressions.newArrayInit(String.class, names), Expressions.newArrayInit(Object.class, values));
    return Expressions.call(ProcedureFunction.class, "rows",
        Expressions.call(procedure.body(), translator.getRoot(), arguments));
  }

  /** The rows a body returned, as the enumerable the generated code returns. Public for that code. */
  public static Enumerable<Object[]> rows(List<Object[]> rows) {
    return Linq4j.asEnumerable(rows);
  }

  private record Parameter(int ordinal, String name, Procedure.Parameter declared) implements FunctionParameter {

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
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(declared.type()), true);
    }

    @Override
    public boolean isOptional() {
      return declared.optional();
    }
  }
}
