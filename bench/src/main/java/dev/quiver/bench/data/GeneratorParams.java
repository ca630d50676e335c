package dev.quiver.bench.data;

/**
 * Parameters of a {@link ClusteredGenerator}: a Gaussian mixture with skewed cluster sizes and anisotropic clusters.
 *
 * <p>Built with {@link #of(int, int, long)}, which fills the defaults below, and adjusted with the {@code with…}
 * methods; every value is validated when the record is built, and an invalid one is rejected with its name.
 *
 * @param count vectors to generate, at least 1; {@code count × dim} must fit one Java array
 *     (10M × 128 = 1.28e9 does)
 * @param dim components per vector, at least 1
 * @param clusters mixture components, in [1, count]; default {@link #defaultClusters(int)}
 * @param seed seed of every random draw; the same parameters give the same vectors whatever the thread count
 * @param skew Zipf exponent of cluster sizes, ≥ 0: cluster {@code r} (0-based) has weight {@code 1 / (r + 1)^skew};
 *     0 gives equal sizes; with the default {@value #DEFAULT_SKEW} the largest cluster is
 *     {@code clusters / H(clusters)} times the mean size ({@code H} the harmonic number: 34× for 200 clusters)
 * @param anisotropy ratio bound ≥ 1 of the largest to the smallest per-axis standard deviation inside one cluster;
 *     1 gives round clusters, the default is {@value #DEFAULT_ANISOTROPY}
 * @param spread geometric mean of a cluster's per-axis standard deviations, relative to the standard deviation 1 of
 *     the cluster centres, > 0; default {@value #DEFAULT_SPREAD}
 */
public record GeneratorParams(int count, int dim, int clusters, long seed, double skew, double anisotropy,
    double spread) {

  /** Default Zipf exponent of cluster sizes. */
  public static final double DEFAULT_SKEW = 1.0;
  /** Default per-cluster ratio bound of largest to smallest axis standard deviation. */
  public static final double DEFAULT_ANISOTROPY = 4.0;
  /** Default within-cluster standard deviation relative to the spread of centres. */
  public static final double DEFAULT_SPREAD = 0.5;
  /** Average vectors per cluster behind {@link #defaultClusters(int)}. */
  public static final int VECTORS_PER_CLUSTER = 5_000;

  /** Validates every component, naming the offending one. */
  public GeneratorParams {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, was " + count);
    }
    if (dim < 1 || dim > VecFiles.MAX_DIM) {
      throw new IllegalArgumentException("dim: must be in [1, " + VecFiles.MAX_DIM + "], was " + dim);
    }
    if ((long) count * dim > VecFiles.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("count × dim: " + count + " × " + dim + " = " + (long) count * dim
          + " components do not fit one Java array (at most " + VecFiles.MAX_ARRAY_LENGTH + ")");
    }
    if (clusters < 1 || clusters > count) {
      throw new IllegalArgumentException("clusters: must be in [1, count = " + count + "], was " + clusters);
    }
    if (!(skew >= 0) || Double.isInfinite(skew)) {
      throw new IllegalArgumentException("skew: must be a finite number >= 0, was " + skew);
    }
    if (!(anisotropy >= 1) || Double.isInfinite(anisotropy)) {
      throw new IllegalArgumentException("anisotropy: must be a finite number >= 1, was " + anisotropy);
    }
    if (!(spread > 0) || Double.isInfinite(spread)) {
      throw new IllegalArgumentException("spread: must be a finite number > 0, was " + spread);
    }
  }

  /** Parameters with every default: {@link #defaultClusters(int)} clusters, skew 1, anisotropy 4, spread 0.5. */
  public static GeneratorParams of(int count, int dim, long seed) {
    return new GeneratorParams(count, dim, defaultClusters(count), seed, DEFAULT_SKEW, DEFAULT_ANISOTROPY,
        DEFAULT_SPREAD);
  }

  /**
   * Default cluster count: {@code max(10, count / 5000)}, capped at {@code count}. A 1M set gets 200 clusters, 10M
   * gets 2,000: fewer natural clusters than the ~√N partitions an IVF index uses, so partitions do not line up one to
   * one with clusters and the index must split them.
   */
  public static int defaultClusters(int count) {
    return Math.min(count, Math.max(10, count / VECTORS_PER_CLUSTER));
  }

  /** Same parameters with another cluster count. */
  public GeneratorParams withClusters(int newClusters) {
    return new GeneratorParams(count, dim, newClusters, seed, skew, anisotropy, spread);
  }

  /** Same parameters with another Zipf exponent of cluster sizes. */
  public GeneratorParams withSkew(double newSkew) {
    return new GeneratorParams(count, dim, clusters, seed, newSkew, anisotropy, spread);
  }

  /** Same parameters with another anisotropy bound. */
  public GeneratorParams withAnisotropy(double newAnisotropy) {
    return new GeneratorParams(count, dim, clusters, seed, skew, newAnisotropy, spread);
  }

  /** Same parameters with another within-cluster spread. */
  public GeneratorParams withSpread(double newSpread) {
    return new GeneratorParams(count, dim, clusters, seed, skew, anisotropy, newSpread);
  }
}
