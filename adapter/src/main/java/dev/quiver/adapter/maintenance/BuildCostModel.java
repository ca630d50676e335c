package dev.quiver.adapter.maintenance;

import dev.quiver.index.cluster.KMeansParams;
import dev.quiver.index.ivf.BuildStats;

/**
 * How long each phase of an index build should take, scaled from the builds this database has measured. Each phase
 * costs a number of distance computations times the dimension:
 * <ul>
 *   <li>training: sample × nlist, the k-means sample being
 *       min(n, nlist × {@value KMeansParams#DEFAULT_MAX_POINTS_PER_CLUSTER});
 *   <li>assigning: n × nlist;
 *   <li>calibrating: n (the sampled queries' partial scans touch a fixed fraction of the vectors).
 * </ul>
 * The last measured build gives the ns per unit of each phase. It is an estimate for {@code quiver.jobs} only; no
 * decision depends on it. Thread-safe.
 */
final class BuildCostModel {

  /** Builds shorter than this say more about timer noise than about cost, in ns. */
  private static final long MIN_MEASURED_NANOS = 5_000_000L;

  /** ns per unit of training, assigning and calibrating work, or null before the first measured build. */
  private volatile double[] nanosPerUnit;

  /** Learns from a finished build of {@code vectors} × {@code dimension} in {@code nlist} partitions. */
  void observe(int vectors, int nlist, int dimension, BuildStats stats) {
    long[] measured = {stats.trainNanos(), stats.addNanos(), stats.calibrateNanos()};
    if (nlist < 2 || measured[0] + measured[1] + measured[2] < MIN_MEASURED_NANOS) {
      return;
    }
    double[] units = units(vectors, nlist, dimension);
    double[] rates = new double[units.length];
    for (int i = 0; i < units.length; i++) {
      rates[i] = measured[i] / units[i];
    }
    nanosPerUnit = rates;
  }

  /** Expected ns of training, assigning and calibrating, or null while no build has been measured. */
  long[] expected(int vectors, int nlist, int dimension) {
    double[] rates = nanosPerUnit;
    if (rates == null) {
      return null;
    }
    double[] units = units(vectors, nlist, dimension);
    long[] expected = new long[units.length];
    for (int i = 0; i < units.length; i++) {
      expected[i] = (long) (rates[i] * units[i]);
    }
    return expected;
  }

  private static double[] units(int vectors, int nlist, int dimension) {
    double n = Math.max(1, vectors);
    double sample = Math.min(n, (double) nlist * KMeansParams.DEFAULT_MAX_POINTS_PER_CLUSTER);
    return new double[] {sample * nlist * dimension, n * nlist * dimension, n * dimension};
  }
}
