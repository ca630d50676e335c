package dev.quiver.bench.report;

import java.util.Locale;

/**
 * What building one index cost.
 *
 * @param method index method, as in {@link SearchMeasurement#method()}
 * @param nlist partitions of an IVF method, or -1
 * @param trainSeconds time to train (centroids, or 0 where a method has no training step), in s
 * @param addSeconds time to add the vectors (for graph indexes: the whole graph build), in s
 * @param calibrateSeconds time to calibrate a search model after adding (Quiver's APS), in s; 0 where none
 * @param threads threads the build used
 * @param memoryRatio index heap bytes over the raw bytes of vectors and ids, or NaN when not measured
 */
public record BuildMeasurement(String method, int nlist, double trainSeconds, double addSeconds,
    double calibrateSeconds, int threads, double memoryRatio) {

  /** Train plus add, in s: the build time compared across methods. */
  public double buildSeconds() {
    return trainSeconds + addSeconds;
  }

  /** Everything before the index answers queries, calibration included, in s. */
  public double totalSeconds() {
    return trainSeconds + addSeconds + calibrateSeconds;
  }

  /** One JSON object with {@code "phase":"build"}. */
  public String toJson(String dataset) {
    return String.format(Locale.ROOT, "{\"method\":\"%s\",\"phase\":\"build\",\"dataset\":\"%s\",\"nlist\":%d,"
            + "\"train_s\":%.3f,\"add_s\":%.3f,\"build_s\":%.3f,\"calibrate_s\":%.3f,\"threads\":%d%s}", method,
        dataset, nlist, trainSeconds, addSeconds, buildSeconds(), calibrateSeconds, threads,
        Double.isNaN(memoryRatio) ? "" : String.format(Locale.ROOT, ",\"memory_ratio\":%.3f", memoryRatio));
  }

  /** One Markdown row matching {@link #MARKDOWN_HEADER}. */
  public String toMarkdownRow() {
    return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %d | %s |", method,
        nlist < 0 ? "" : Integer.toString(nlist), trainSeconds, addSeconds, buildSeconds(), calibrateSeconds, threads,
        Double.isNaN(memoryRatio) ? "" : String.format(Locale.ROOT, "%.3f", memoryRatio));
  }

  /** Header of the Markdown table that {@link #toMarkdownRow()} fills. */
  public static final String MARKDOWN_HEADER = "| method | nlist | train s | add s | build s (train + add) | "
      + "APS calibration s | build threads | memory / raw |\n|---|---:|---:|---:|---:|---:|---:|---:|";
}
