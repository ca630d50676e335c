package dev.quiver.functions;

import dev.quiver.index.Metric;
import java.util.Locale;

/**
 * The distance functions an {@code ORDER BY … LIMIT k} can be answered from an index with: each one's SQL name, the
 * metric whose index answers it ({@code distance} answers any, using the column's own), and its evaluation.
 */
public enum DistanceFunction {
  /** {@code l2_distance}, answered by an L2 index. */
  L2_DISTANCE("l2_distance", Metric.L2),
  /** {@code cosine_distance}, answered by a COSINE index. */
  COSINE_DISTANCE("cosine_distance", Metric.COSINE),
  /** {@code negative_inner_product}, answered by an IP index. */
  NEGATIVE_INNER_PRODUCT("negative_inner_product", Metric.INNER_PRODUCT),
  /** {@code distance}: the distance the vector column declared. */
  DISTANCE("distance", null);

  private final String sqlName;
  private final Metric metric;

  DistanceFunction(String sqlName, Metric metric) {
    this.sqlName = sqlName;
    this.metric = metric;
  }

  /** The function's name in SQL. */
  public String sqlName() {
    return sqlName;
  }

  /** Whether an index of {@code columnMetric} answers this function. */
  public boolean answeredBy(Metric columnMetric) {
    return metric == null || metric == columnMetric;
  }

  /** Evaluates the function exactly, as SQL does. */
  public double apply(Object a, Object b) {
    return switch (this) {
      case L2_DISTANCE -> VectorFunctions.l2Distance(a, b);
      case COSINE_DISTANCE -> VectorFunctions.cosineDistance(a, b);
      case NEGATIVE_INNER_PRODUCT -> VectorFunctions.negativeInnerProduct(a, b);
      case DISTANCE -> VectorFunctions.distance(a, b);
    };
  }

  /** The metric-specific function an index of {@code metric} answers. */
  public static DistanceFunction of(Metric metric) {
    return switch (metric) {
      case L2 -> L2_DISTANCE;
      case COSINE -> COSINE_DISTANCE;
      case INNER_PRODUCT -> NEGATIVE_INNER_PRODUCT;
    };
  }

  /** The function with this SQL name (any case), or null. */
  public static DistanceFunction named(String name) {
    for (DistanceFunction function : values()) {
      if (function.sqlName.equals(name.toLowerCase(Locale.ROOT))) {
        return function;
      }
    }
    return null;
  }

  /** A metric's name as {@code METRIC} clauses write it: {@code L2}, {@code COSINE}, {@code IP}. */
  public static String metricName(Metric metric) {
    return metric == Metric.INNER_PRODUCT ? "IP" : metric.name();
  }
}
