package dev.quiver.index.cluster;

/**
 * Parameters of a k-means run, validated when built.
 *
 * @param clusters number of clusters k, at least 1
 * @param iterations Lloyd iterations after initialisation, at least 0 (0 keeps the initial centroids); default
 *     {@value #DEFAULT_ITERATIONS}, which is where further iterations stop improving IVF recall measurably
 * @param maxPointsPerCluster training sample cap: at most {@code clusters × maxPointsPerCluster} points are used to
 *     train (default {@value #DEFAULT_MAX_POINTS_PER_CLUSTER}, the sample size at which centroids stop moving); 0
 *     means train on every point
 * @param seed seed of every random choice (sample, initialisation, empty-cluster repair)
 * @param spherical whether centroids are re-normalised to unit length after each update (cosine data)
 * @param balanced whether to even out cluster sizes after Lloyd iterations (capacity-constrained reassignment)
 * @param balanceTolerance with {@code balanced}, the allowed excess over the mean cluster size, as a fraction
 *     (0.1 = clusters may hold up to 110% of n/k); ignored otherwise
 * @param threads worker threads for assignment; 0 means all available processors
 */
public record KMeansParams(int clusters, int iterations, int maxPointsPerCluster, long seed, boolean spherical,
    boolean balanced, double balanceTolerance, int threads) {

  /** Default Lloyd iterations. */
  public static final int DEFAULT_ITERATIONS = 10;
  /** Default training-sample cap per cluster. */
  public static final int DEFAULT_MAX_POINTS_PER_CLUSTER = 256;
  /** Default balance tolerance. */
  public static final double DEFAULT_BALANCE_TOLERANCE = 0.1;

  /** Validates every field. */
  public KMeansParams {
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters: must be at least 1, was " + clusters);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations: must be at least 0, was " + iterations);
    }
    if (maxPointsPerCluster < 0) {
      throw new IllegalArgumentException("maxPointsPerCluster: must be at least 0 (0 = all points), was "
          + maxPointsPerCluster);
    }
    if (!(balanceTolerance >= 0) || Double.isInfinite(balanceTolerance)) {
      throw new IllegalArgumentException("balanceTolerance: must be a finite fraction ≥ 0, was " + balanceTolerance);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads: must be at least 0 (0 = all processors), was " + threads);
    }
  }

  /** Defaults for {@code clusters} clusters with the given seed. */
  public static KMeansParams of(int clusters, long seed) {
    return new KMeansParams(clusters, DEFAULT_ITERATIONS, DEFAULT_MAX_POINTS_PER_CLUSTER, seed, false, false,
        DEFAULT_BALANCE_TOLERANCE, 0);
  }

  /** A copy with spherical updates switched on or off. */
  public KMeansParams withSpherical(boolean value) {
    return new KMeansParams(clusters, iterations, maxPointsPerCluster, seed, value, balanced, balanceTolerance,
        threads);
  }

  /** A copy with balancing switched on or off. */
  public KMeansParams withBalanced(boolean value) {
    return new KMeansParams(clusters, iterations, maxPointsPerCluster, seed, spherical, value, balanceTolerance,
        threads);
  }

  /** A copy with another iteration count. */
  public KMeansParams withIterations(int value) {
    return new KMeansParams(clusters, value, maxPointsPerCluster, seed, spherical, balanced, balanceTolerance,
        threads);
  }

  /** A copy with another training-sample cap per cluster. */
  public KMeansParams withMaxPointsPerCluster(int value) {
    return new KMeansParams(clusters, iterations, value, seed, spherical, balanced, balanceTolerance, threads);
  }

  /** A copy with another thread count. */
  public KMeansParams withClusters(int value) {
    return new KMeansParams(value, iterations, maxPointsPerCluster, seed, spherical, balanced, balanceTolerance,
        threads);
  }

  /** A copy with another thread count (0: all processors). */
  public KMeansParams withThreads(int value) {
    return new KMeansParams(clusters, iterations, maxPointsPerCluster, seed, spherical, balanced, balanceTolerance,
        value);
  }

  /** Threads actually used: {@link #threads()} or, when 0, the available processors. */
  public int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
