package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.aps.ApsConfig;
import dev.quiver.index.cluster.KMeansParams;
import java.util.Objects;

/**
 * How an IVF index is shaped, trained and searched by default, validated when built.
 *
 * @param dim vector dimension, at least 1
 * @param metric distance metric
 * @param nlist number of partitions, at least 1 (a common choice is 4·√n, {@link #defaultNlist})
 * @param training k-means parameters used to train the centroids; its cluster count must equal {@code nlist}
 * @param hierarchyThreshold above this many partitions the centroids are searched through a parent IVF instead of
 *     a flat scan (default {@value #DEFAULT_HIERARCHY_THRESHOLD}); at least 1
 * @param aps Adaptive Partition Scanning settings
 * @param quantizedScan whether partitions also keep 8-bit codes of their rows ({@link RowQuantizer}), scanned first
 *     so that only rows that may enter the top k are read in float: the same answers from a quarter of the bytes a
 *     row, for d + 4 bytes more memory a row (default false)
 */
public record IvfParams(int dim, Metric metric, int nlist, KMeansParams training, int hierarchyThreshold,
    ApsConfig aps, boolean quantizedScan) {

  /** Partitions up to which a flat centroid scan is fastest (ALGORITHMS.md §1: ~10k). */
  public static final int DEFAULT_HIERARCHY_THRESHOLD = 10_000;

  /** Validates every field. */
  public IvfParams {
    if (dim < 1) {
      throw new IllegalArgumentException("dim: must be at least 1, was " + dim);
    }
    Objects.requireNonNull(metric, "metric");
    requireNlist(nlist);
    Objects.requireNonNull(training, "training");
    if (training.clusters() != nlist) {
      throw new IllegalArgumentException("training.clusters: must equal nlist " + nlist + ", was "
          + training.clusters());
    }
    if (hierarchyThreshold < 1) {
      throw new IllegalArgumentException("hierarchyThreshold: must be at least 1, was " + hierarchyThreshold);
    }
    Objects.requireNonNull(aps, "aps");
  }

  /** Default training (seed 42) for {@code nlist} partitions; cosine trains spherical k-means. */
  public static IvfParams of(int dim, Metric metric, int nlist) {
    return of(dim, metric, nlist, 42L);
  }

  /** Default training with an explicit seed. */
  public static IvfParams of(int dim, Metric metric, int nlist, long seed) {
    requireNlist(nlist);
    return new IvfParams(dim, metric, nlist, KMeansParams.of(nlist, seed).withSpherical(metric.normalizes()),
        DEFAULT_HIERARCHY_THRESHOLD, ApsConfig.DEFAULT, false);
  }

  /** A copy with other training parameters (their cluster count must equal {@code nlist}). */
  public IvfParams withTraining(KMeansParams value) {
    return new IvfParams(dim, metric, nlist, value, hierarchyThreshold, aps, quantizedScan);
  }

  /** A copy with another hierarchy threshold. */
  public IvfParams withHierarchyThreshold(int value) {
    return new IvfParams(dim, metric, nlist, training, value, aps, quantizedScan);
  }

  /** A copy with another partition count (and the training's cluster count with it). */
  public IvfParams withNlist(int value) {
    requireNlist(value);
    return new IvfParams(dim, metric, value, training.withClusters(value), hierarchyThreshold, aps, quantizedScan);
  }

  /** A copy with other APS settings. */
  public IvfParams withAps(ApsConfig value) {
    return new IvfParams(dim, metric, nlist, training, hierarchyThreshold, value, quantizedScan);
  }

  /** A copy that does ({@code true}) or does not keep 8-bit codes for a quantized first pass. */
  public IvfParams withQuantizedScan(boolean value) {
    return new IvfParams(dim, metric, nlist, training, hierarchyThreshold, aps, value);
  }

  private static void requireNlist(int nlist) {
    if (nlist < 1) {
      throw new IllegalArgumentException("nlist: must be at least 1, was " + nlist);
    }
  }

  /** The usual nlist for n vectors: ⌈4·√n⌉, at least 1. */
  public static int defaultNlist(long n) {
    return (int) Math.max(1, Math.ceil(4 * Math.sqrt(n)));
  }
}
