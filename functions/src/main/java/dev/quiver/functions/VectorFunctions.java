package dev.quiver.functions;

import dev.quiver.index.Metric;

/**
 * The vector functions SQL calls, with pgvector's semantics; exact, evaluated row by row wherever they appear. The
 * planner turns {@code ORDER BY <distance> LIMIT k} into an index search instead, whose distances are the same
 * numbers (up to float rounding).
 *
 * <p>Arguments arrive as whatever Calcite holds for an {@code ARRAY} value (a {@link FloatVector} from a column or
 * {@code vector()}, a list of numbers from {@code ARRAY[…]}); NULLs never reach these methods (SQL's strict null
 * policy returns NULL first).
 */
public final class VectorFunctions {

  private VectorFunctions() {}

  /** {@code l2_distance(a, b)}: Euclidean distance √Σ(aᵢ − bᵢ)², pgvector's {@code <->}. */
  public static double l2Distance(Object a, Object b) {
    float[] x = VectorValues.toFloats("l2_distance argument 1", a);
    float[] y = VectorValues.toFloats("l2_distance argument 2", b);
    VectorValues.requireSameDimension("l2_distance", x, y);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double diff = (double) x[i] - y[i];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  }

  /** {@code inner_product(a, b)}: Σ aᵢbᵢ. */
  public static double innerProduct(Object a, Object b) {
    float[] x = VectorValues.toFloats("inner_product argument 1", a);
    float[] y = VectorValues.toFloats("inner_product argument 2", b);
    VectorValues.requireSameDimension("inner_product", x, y);
    return dot(x, y);
  }

  /** {@code negative_inner_product(a, b)}: −Σ aᵢbᵢ, pgvector's {@code <#>} (smaller is nearer). */
  public static double negativeInnerProduct(Object a, Object b) {
    float[] x = VectorValues.toFloats("negative_inner_product argument 1", a);
    float[] y = VectorValues.toFloats("negative_inner_product argument 2", b);
    VectorValues.requireSameDimension("negative_inner_product", x, y);
    return -dot(x, y);
  }

  /**
   * {@code cosine_distance(a, b)}: 1 − a·b / (‖a‖‖b‖), pgvector's {@code <=>}; NaN when either vector is zero, as in
   * pgvector.
   */
  public static double cosineDistance(Object a, Object b) {
    float[] x = VectorValues.toFloats("cosine_distance argument 1", a);
    float[] y = VectorValues.toFloats("cosine_distance argument 2", b);
    VectorValues.requireSameDimension("cosine_distance", x, y);
    double norms = Math.sqrt(dot(x, x)) * Math.sqrt(dot(y, y));
    if (norms == 0) {
      return Double.NaN;
    }
    // Rounding can push the cosine just outside [−1, 1]; clamp so the distance stays in [0, 2].
    double cosine = Math.max(-1.0, Math.min(1.0, dot(x, y) / norms));
    return 1.0 - cosine;
  }

  /**
   * {@code distance(col, q)}: the distance the vector column declared with {@code METRIC} — l2_distance for L2,
   * cosine_distance for COSINE, negative_inner_product for IP.
   *
   * @throws SqlUserError 42883 if neither argument comes from a vector column
   */
  public static double distance(Object a, Object b) {
    Metric metric = a instanceof FloatVector v && v.metric() != null ? v.metric()
        : b instanceof FloatVector w ? w.metric() : null;
    if (metric == null) {
      throw new SqlUserError("42883", "distance(): neither argument is a vector column, so no metric is declared;"
          + " pass a vector column first, or call l2_distance, cosine_distance or negative_inner_product");
    }
    return switch (metric) {
      case L2 -> l2Distance(a, b);
      case COSINE -> cosineDistance(a, b);
      case INNER_PRODUCT -> negativeInnerProduct(a, b);
    };
  }

  /** {@code vector_dims(v)}: the number of components. */
  public static int vectorDims(Object v) {
    return VectorValues.toFloats("vector_dims argument", v).length;
  }

  /** {@code vector_norm(v)}: the Euclidean norm ‖v‖. */
  public static double vectorNorm(Object v) {
    float[] x = VectorValues.toFloats("vector_norm argument", v);
    return Math.sqrt(dot(x, x));
  }

  /** {@code normalize(v)}: v / ‖v‖; the zero vector stays zero (pgvector's l2_normalize). */
  public static FloatVector normalize(Object v) {
    float[] x = VectorValues.toFloats("normalize argument", v);
    double norm = Math.sqrt(dot(x, x));
    float[] unit = new float[x.length];
    if (norm > 0) {
      for (int i = 0; i < x.length; i++) {
        unit[i] = (float) (x[i] / norm);
      }
    }
    return new FloatVector(unit);
  }

  /** {@code vector('[…]')}: a vector from its text form. */
  public static FloatVector vector(String text) {
    return new FloatVector(VectorText.parse(text));
  }

  /** {@code vector_text(v)}: the text form {@code [x1,x2,…]}. */
  public static String vectorText(Object v) {
    return VectorText.format(VectorValues.toFloats("vector_text argument", v));
  }

  // Accumulates in double: these functions are the exact reference that index results are compared against.
  private static double dot(float[] x, float[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (double) x[i] * y[i];
    }
    return sum;
  }
}
