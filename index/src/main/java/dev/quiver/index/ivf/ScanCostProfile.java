package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.search.TopKCollector;
import java.util.SplittableRandom;

/**
 * λ(s): the measured time to scan a partition of s vectors with the production scanner, in ns (Quake's cost model,
 * ALGORITHMS.md §3), and the per-centroid overhead O_c of routing a query. Measured after a JIT warm-up on random
 * partitions at a few sizes and interpolated linearly between them (extrapolated from the last two beyond).
 *
 * @param sizes partition sizes measured, ascending
 * @param nanos median scan time at each size, in ns
 * @param centroidNanos O_c: the time to score one centroid, in ns (the slope of λ: one more distance)
 */
public record ScanCostProfile(int[] sizes, double[] nanos, double centroidNanos) {

  private static final int[] MEASURED_SIZES = {16, 64, 256, 1024, 4096};

  /**
   * A profile of the form {@code λ(s) = fixed + perVector·s} (ns), with O_c = perVector: what tests and reproducible
   * experiments use instead of a measurement.
   */
  public static ScanCostProfile linear(double fixedNanos, double perVectorNanos) {
    double[] nanos = new double[MEASURED_SIZES.length];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = fixedNanos + perVectorNanos * MEASURED_SIZES[i];
    }
    return new ScanCostProfile(MEASURED_SIZES.clone(), nanos, perVectorNanos);
  }

  /** Checks that the arrays are parallel, non-empty and ascending. */
  public ScanCostProfile {
    if (sizes.length < 2 || sizes.length != nanos.length) {
      throw new IllegalArgumentException("sizes, nanos: need at least two parallel points, got " + sizes.length
          + " and " + nanos.length);
    }
    for (int i = 1; i < sizes.length; i++) {
      if (sizes[i] <= sizes[i - 1]) {
        throw new IllegalArgumentException("sizes: must ascend");
      }
    }
    if (!(centroidNanos > 0)) {
      throw new IllegalArgumentException("centroidNanos: must be positive, was " + centroidNanos);
    }
  }

  /** λ(s) in ns: linear interpolation between measured sizes; 0 for an empty partition. */
  public double latency(double size) {
    if (size <= 0) {
      return 0;
    }
    int i = 1;
    while (i < sizes.length - 1 && size > sizes[i]) {
      i++;
    }
    double x0 = sizes[i - 1];
    double x1 = sizes[i];
    double y0 = nanos[i - 1];
    double y1 = nanos[i];
    double y = y0 + (size - x0) * (y1 - y0) / (x1 - x0);
    return Math.max(y, size < x0 ? y0 * size / x0 : 0);
  }

  /**
   * Measures λ for vectors of {@code dim} dimensions under {@code metric} with k = 10: each size is scanned
   * repeatedly after a warm-up, and the median of several timed rounds is kept, so one preempted round (the
   * machine is shared) does not skew the model. Takes a few hundred ms.
   */
  public static ScanCostProfile measure(int dim, Metric metric, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PartitionScanner scanner = new PartitionScanner(metric);
    float[] query = new float[dim];
    for (int j = 0; j < dim; j++) {
      query[j] = (float) random.nextGaussian();
    }
    double[] nanos = new double[MEASURED_SIZES.length];
    for (int m = 0; m < MEASURED_SIZES.length; m++) {
      int size = MEASURED_SIZES[m];
      Partition partition = new Partition(-1, dim, size);
      float[] row = new float[dim];
      for (int r = 0; r < size; r++) {
        for (int j = 0; j < dim; j++) {
          row[j] = (float) random.nextGaussian();
        }
        partition.setRowForBuild(r, r, row, 0);
      }
      int repeats = Math.max(4, 200_000 / (size * Math.max(1, dim / 32)));
      for (int warm = 0; warm < repeats; warm++) {
        scanner.scan(partition, query, new TopKCollector(10));
      }
      double[] rounds = new double[5];
      for (int round = 0; round < rounds.length; round++) {
        long start = System.nanoTime();
        for (int rep = 0; rep < repeats; rep++) {
          scanner.scan(partition, query, new TopKCollector(10));
        }
        rounds[round] = (System.nanoTime() - start) / (double) repeats;
      }
      java.util.Arrays.sort(rounds);
      // A larger partition never scans faster: a preempted smaller size must not make λ decrease.
      nanos[m] = Math.max(rounds[rounds.length / 2], m == 0 ? 0 : nanos[m - 1]);
    }
    int last = MEASURED_SIZES.length - 1;
    double slope = (nanos[last] - nanos[last - 1]) / (MEASURED_SIZES[last] - MEASURED_SIZES[last - 1]);
    return new ScanCostProfile(MEASURED_SIZES.clone(), nanos, Math.max(slope, 1e-3));
  }
}
