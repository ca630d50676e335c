package dev.quiver.index.ivf;

/**
 * What a build cost.
 *
 * @param trainNanos time to train the centroids (sampling, initialisation, Lloyd iterations), in ns
 * @param addNanos time to assign every vector to a partition and fill the partitions, in ns
 * @param calibrateNanos time to calibrate APS's recall model on a sample of the data, in ns (0 when fixed)
 * @param threads worker threads used
 */
public record BuildStats(long trainNanos, long addNanos, long calibrateNanos, int threads) {

  /** Total build time in seconds. */
  public double totalSeconds() {
    return (trainNanos + addNanos + calibrateNanos) / 1e9;
  }
}
