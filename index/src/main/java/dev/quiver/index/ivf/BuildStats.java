package dev.quiver.index.ivf;

/**
 * What a build cost.
 *
 * @param trainNanos time to train the centroids (sampling, initialisation, Lloyd iterations), in ns
 * @param addNanos time to assign every vector to a partition and fill the partitions, in ns
 * @param threads worker threads used
 */
public record BuildStats(long trainNanos, long addNanos, int threads) {

  /** Total build time in seconds. */
  public double totalSeconds() {
    return (trainNanos + addNanos) / 1e9;
  }
}
