package dev.quiver.bench.data;

import dev.quiver.index.Metric;

/**
 * Per-call options of {@link DatasetLoader}; start from {@link #DEFAULT} and change what you need with the
 * {@code with…} methods.
 *
 * @param maxQueries most queries to load (the first rows of the query file, with their ground-truth rows); 0 means
 *     all
 * @param generatedQueries queries to generate when a {@code gen:} dataset is materialised for the first time, at
 *     least 1; default {@value #DEFAULT_GENERATED_QUERIES}. Generated queries are a prefix-stable stream, so a set
 *     generated with more queries serves any smaller request
 * @param metric metric to load a dataset given as a path with, or null for the dataset's own ({@code L2} for a
 *     path without {@code dataset.properties}); a metric other than the dataset's own caches its ground truth as
 *     {@code groundtruth-<metric>.ivecs}, and {@code COSINE} normalises the vectors in memory
 * @param progress where progress of long steps (generation, ground truth) is reported; {@link ProgressReporter#SILENT}
 *     for none
 */
public record LoadOptions(int maxQueries, int generatedQueries, Metric metric, ProgressReporter progress) {

  /** Queries generated for a {@code gen:} dataset by default: enough for a stable mean recall at 0.001 resolution. */
  public static final int DEFAULT_GENERATED_QUERIES = 10_000;

  /** All queries, 10,000 generated queries, each dataset's own metric, no progress output. */
  public static final LoadOptions DEFAULT =
      new LoadOptions(0, DEFAULT_GENERATED_QUERIES, null, ProgressReporter.SILENT);

  /** Validates the counts. */
  public LoadOptions {
    if (maxQueries < 0) {
      throw new IllegalArgumentException("maxQueries: must be >= 0 (0 means all), was " + maxQueries);
    }
    if (generatedQueries < 1) {
      throw new IllegalArgumentException("generatedQueries: must be at least 1, was " + generatedQueries);
    }
    if (progress == null) {
      throw new IllegalArgumentException("progress: must not be null; use ProgressReporter.SILENT");
    }
  }

  /** These options loading at most {@code n} queries (0 = all). */
  public LoadOptions withMaxQueries(int n) {
    return new LoadOptions(n, generatedQueries, metric, progress);
  }

  /** These options generating {@code n} queries for a new {@code gen:} dataset. */
  public LoadOptions withGeneratedQueries(int n) {
    return new LoadOptions(maxQueries, n, metric, progress);
  }

  /** These options with a metric override (null: the dataset's own). */
  public LoadOptions withMetric(Metric newMetric) {
    return new LoadOptions(maxQueries, generatedQueries, newMetric, progress);
  }

  /** These options reporting progress to {@code newProgress}. */
  public LoadOptions withProgress(ProgressReporter newProgress) {
    return new LoadOptions(maxQueries, generatedQueries, metric, newProgress);
  }
}
