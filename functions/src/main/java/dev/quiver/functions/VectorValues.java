package dev.quiver.functions;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

/**
 * Converts the forms a vector arrives in — a column value, an {@code ARRAY[…]} literal, a JDBC parameter
 * ({@code float[]}, {@code double[]}, {@link java.sql.Array}, text) — into the {@code float[]} the engine works on,
 * and checks what every vector must satisfy.
 */
public final class VectorValues {

  private VectorValues() {}

  /**
   * The components of {@code value}; a {@link FloatVector}'s array is returned without a copy.
   *
   * @param what names the value in an error message, e.g. {@code "l2_distance argument 2"}
   * @throws SqlUserError 22000 for a NaN or infinite component or a NULL element, 42804 for a value that is not a
   *     vector
   */
  public static float[] toFloats(String what, Object value) {
    float[] values = switch (value) {
      case FloatVector vector -> vector.values();
      case float[] floats -> floats;
      case double[] doubles -> fromDoubles(doubles);
      case List<?> list -> fromList(what, list);
      case Object[] objects -> fromList(what, java.util.Arrays.asList(objects));
      case Array array -> fromArray(what, array);
      case String text -> VectorText.parse(text);
      default -> throw new SqlUserError("42804", what + ": " + value + " is not a vector; pass a vector column,"
          + " vector('[1, 2, 3]'), ARRAY[1, 2, 3] or a float[] parameter");
    };
    requireFinite(what, values);
    return values;
  }

  /** The value as a {@link FloatVector} (itself when it already is one). */
  public static FloatVector toVector(String what, Object value) {
    return value instanceof FloatVector vector ? vector : new FloatVector(toFloats(what, value));
  }

  /**
   * Checks that every component is finite.
   *
   * @throws SqlUserError 22000 naming the first bad component
   */
  public static void requireFinite(String what, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new SqlUserError("22000", what + ": component " + (i + 1) + " is " + values[i]
            + "; vectors may hold only finite numbers (no NaN or infinity)");
      }
    }
  }

  /**
   * Checks that two vectors have the same dimension.
   *
   * @throws SqlUserError 22000 naming both dimensions
   */
  public static void requireSameDimension(String function, float[] a, float[] b) {
    if (a.length != b.length) {
      throw new SqlUserError("22000", function + ": the vectors have different dimensions, " + a.length + " and "
          + b.length + "; compare vectors of the same dimension (vector_dims(v) shows it)");
    }
  }

  private static float[] fromDoubles(double[] doubles) {
    float[] values = new float[doubles.length];
    for (int i = 0; i < doubles.length; i++) {
      values[i] = (float) doubles[i];
    }
    return values;
  }

  private static float[] fromList(String what, List<?> list) {
    if (list.isEmpty()) {
      throw new SqlUserError("22000", what + ": a vector needs at least one component");
    }
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(list.get(i) instanceof Number number)) {
        throw new SqlUserError("22000", what + ": component " + (i + 1) + " is "
            + (list.get(i) == null ? "NULL" : "'" + list.get(i) + "'") + "; vector components must be numbers");
      }
      values[i] = number.floatValue();
    }
    return values;
  }

  private static float[] fromArray(String what, Array array) {
    try {
      Object elements = array.getArray();
      return switch (elements) {
        case float[] floats -> floats;
        case double[] doubles -> fromDoubles(doubles);
        case Object[] objects -> fromList(what, java.util.Arrays.asList(objects));
        default -> throw new SqlUserError("42804", what + ": a SQL array of " + array.getBaseTypeName()
            + " is not a vector; use an array of REAL or DOUBLE");
      };
    } catch (SQLException e) {
      throw new SqlUserError("22000", what + ": could not read the array: " + e.getMessage(), e);
    }
  }
}
