package dev.quiver.index;

/**
 * Distance metric of a vector column or index.
 *
 * <p>Internally every metric is turned into a <em>score</em> where smaller is better, so that one top-k collector
 * serves all three: squared L2 for {@link #L2} (the square root is taken only when a distance is reported), the
 * negated inner product for {@link #INNER_PRODUCT}, and the negated inner product of unit vectors for
 * {@link #COSINE} (vectors are normalised once, on build, insert and update, never at search time inside the scan).
 */
public enum Metric {
  /** Euclidean distance; reported as the true (not squared) distance. */
  L2,
  /** Inner product; reported as the negative inner product, pgvector's {@code <#>}, so that smaller is nearer. */
  INNER_PRODUCT,
  /** Cosine distance {@code 1 - cos(a, b)}; vectors are stored as unit vectors and searched by inner product. */
  COSINE;

  /** Whether vectors are normalised to unit length before they are stored or compared. */
  public boolean normalizes() {
    return this == COSINE;
  }

  /** Converts an internal score (smaller is better) into the distance this metric reports to users. */
  public float toDistance(float score) {
    return switch (this) {
      case L2 -> (float) Math.sqrt(Math.max(0f, score));
      case INNER_PRODUCT -> score;
      case COSINE -> 1f + score;
    };
  }

  /** Parses a metric name as users write it ({@code l2}, {@code ip}/{@code inner_product}, {@code cosine}). */
  public static Metric parse(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "l2", "euclidean" -> L2;
      case "ip", "inner_product", "dot" -> INNER_PRODUCT;
      case "cosine", "cos" -> COSINE;
      default -> throw new IllegalArgumentException(
          "metric: unknown value '" + name + "'; use one of l2, ip, cosine");
    };
  }
}
