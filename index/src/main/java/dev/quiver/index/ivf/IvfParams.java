package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.cluster.KMeansParams;
import java.util.Objects;

/**
 * How an IVF index is shaped and trained, validated when built.
 *
 * @param dim vector dimension, at least 1
 * @param metric distance metric
 * @param nlist number of partitions, at least 1 (a common choice is 4·√n)
 * @param training k-means parameters used to train the centroids; its cluster count must equal {@code nlist}
 */
public record IvfParams(int dim, Metric metric, int nlist, KMeansParams training) {

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
  }

  /** Default training (seed 42) for {@code nlist} partitions; cosine trains spherical k-means. */
  public static IvfParams of(int dim, Metric metric, int nlist) {
    return of(dim, metric, nlist, 42L);
  }

  /** Default training with an explicit seed. */
  public static IvfParams of(int dim, Metric metric, int nlist, long seed) {
    requireNlist(nlist);
    return new IvfParams(dim, metric, nlist, KMeansParams.of(nlist, seed).withSpherical(metric.normalizes()));
  }

  /** A copy with other training parameters (cluster count is forced to {@code nlist}). */
  public IvfParams withTraining(KMeansParams value) {
    return new IvfParams(dim, metric, nlist, value);
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
