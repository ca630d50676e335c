package dev.quiver.bench.report;

import java.util.Arrays;

/** Nearest-rank percentiles: of per-query latencies (measured in ns, reported in ms) and of plain values. */
public final class LatencyStats {

  private LatencyStats() {}

  /** The {@code fraction} quantile (nearest rank) of {@code nanos}, in milliseconds; the input is not changed. */
  public static double percentileMs(long[] nanos, double fraction) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[nearestRank(sorted.length, fraction)] / 1e6;
  }

  /** The {@code fraction} quantile (nearest rank) of {@code values}; the input is not changed. */
  public static double percentile(double[] values, double fraction) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[nearestRank(sorted.length, fraction)];
  }

  private static int nearestRank(int count, double fraction) {
    return Math.max(0, Math.min(count - 1, (int) Math.ceil(fraction * count) - 1));
  }
}
