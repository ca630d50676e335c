package dev.quiver.functions;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The vector functions SQL can call, registered by name on a Calcite schema: {@code l2_distance},
 * {@code cosine_distance}, {@code inner_product}, {@code negative_inner_product}, {@code distance},
 * {@code vector_dims}, {@code vector_norm}, {@code normalize}, {@code vector} and {@code vector_text}.
 */
public final class VectorFunctionCatalog {

  private VectorFunctionCatalog() {}

  /** The SQL type of a vector: an array of non-null REAL (the dimension lives in the catalog, not the type). */
  public static RelDataType vectorType(RelDataTypeFactory typeFactory) {
    return typeFactory.createArrayType(typeFactory.createSqlType(SqlTypeName.REAL), -1);
  }

  /**
   * Adds every function to {@code schema}.
   *
   * <p>Vector arguments are declared {@code ANY}, not {@code REAL ARRAY}: Calcite cannot resolve a function whose
   * array parameter receives an untyped {@code ?}, and a vector argument legitimately arrives as a column value, an
   * {@code ARRAY[…]} of numbers, a {@code float[]} parameter or text. {@link VectorValues} checks each at run time
   * and names the function and argument when one is not a vector.
   */
  public static void addTo(SchemaPlus schema) {
    functions().forEach(schema::add);
  }

  /** Every function by its SQL name (vector arguments typed as described at {@link #addTo}). */
  public static Map<String, org.apache.calcite.schema.Function> functions() {
    Map<String, org.apache.calcite.schema.Function> functions = new java.util.LinkedHashMap<>();
    Function<RelDataTypeFactory, RelDataType> vector = VectorFunctionCatalog::vectorType;
    Function<RelDataTypeFactory, RelDataType> anyVector = f -> f.createTypeWithNullability(
        f.createSqlType(SqlTypeName.ANY), true);
    Function<RelDataTypeFactory, RelDataType> dbl = f -> f.createSqlType(SqlTypeName.DOUBLE);
    Function<RelDataTypeFactory, RelDataType> integer = f -> f.createSqlType(SqlTypeName.INTEGER);
    Function<RelDataTypeFactory, RelDataType> text = f -> f.createSqlType(SqlTypeName.VARCHAR);
    for (String name : List.of("l2_distance", "cosine_distance", "inner_product", "negative_inner_product",
        "distance")) {
      add(functions, name, javaName(name), List.of("a", "b"), List.of(anyVector, anyVector), dbl);
    }
    add(functions, "vector_dims", "vectorDims", List.of("v"), List.of(anyVector), integer);
    add(functions, "vector_norm", "vectorNorm", List.of("v"), List.of(anyVector), dbl);
    add(functions, "normalize", "normalize", List.of("v"), List.of(anyVector), vector);
    add(functions, "vector", "vector", List.of("text"), List.of(text), vector);
    add(functions, "vector_text", "vectorText", List.of("v"), List.of(anyVector), text);
    return functions;
  }

  /** The Java method of a two-vector function: the SQL name in camel case (l2_distance → l2Distance). */
  private static String javaName(String sqlName) {
    StringBuilder name = new StringBuilder();
    for (String part : sqlName.split("_")) {
      name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return name.toString();
  }

  private static void add(Map<String, org.apache.calcite.schema.Function> functions, String name, String javaName,
      List<String> parameterNames, List<Function<RelDataTypeFactory, RelDataType>> parameterTypes,
      Function<RelDataTypeFactory, RelDataType> returnType) {
    Method method = find(javaName);
    functions.put(name, new VectorFunctionDefinition(method, parameterNames, parameterTypes, returnType));
  }

  private static Method find(String javaName) {
    for (Method method : VectorFunctions.class.getMethods()) {
      if (method.getName().equals(javaName)) {
        return method;
      }
    }
    throw new IllegalStateException("VectorFunctions has no method " + javaName);
  }
}
