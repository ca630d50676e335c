package dev.quiver.bench.report;

import java.util.Arrays;

/** Percentiles of per-query latencies, measured in ns and reported in ms. */
public final class LatencyStats {

  private LatencyStats() {}

  /** The {@code fraction} quantile (nearest rank) of {@code nanos}, in milliseconds; the input is not changed. */
  public static double percentileMs(long[] nanos, double fraction) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }
}
