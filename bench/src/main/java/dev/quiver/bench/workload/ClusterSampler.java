package dev.quiver.bench.workload;

import java.util.SplittableRandom;

/**
 * Draws a batch of ids from a {@link ClusterPool} by the cluster-sample-fraction rule of Ada-IVF §5.1.2.
 *
 * <p>Until the batch is full: pick a cluster with probability proportional to the ids it still holds in the pool,
 * then take from it, uniformly at random, at most {@code max(1, round(csf · |cluster|))} ids, {@code |cluster|}
 * being the cluster's full size in the dataset. With CSF = 1.0 a batch empties whole clusters one at a time (a batch
 * no larger than a cluster's pool comes from that one cluster: high locality); with a small CSF every pick takes a
 * few ids, so a batch is spread over many clusters and, at the limit of one id per pick, is a uniform sample of the
 * pool. Weighting by pool size keeps that limit uniform over vectors rather than over clusters, whose sizes may be
 * very skewed.
 */
final class ClusterSampler {

  private final LocalityClusters clusters;
  private final double fraction;

  /** A sampler over {@code clusters} taking at most {@code fraction} of a cluster per pick. */
  ClusterSampler(LocalityClusters clusters, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction: must be in (0, 1], was " + fraction);
    }
    this.clusters = clusters;
    this.fraction = fraction;
  }

  /**
   * Removes {@code count} ids from {@code pool} by the CSF rule and returns them in draw order.
   *
   * @throws IllegalArgumentException if the pool holds fewer than {@code count} ids
   */
  int[] draw(ClusterPool pool, int count, SplittableRandom random) {
    if (count > pool.total()) {
      throw new IllegalArgumentException("count: " + count + " ids requested from a pool of " + pool.total());
    }
    int[] drawn = new int[count];
    int filled = 0;
    while (filled < count) {
      int c = pickCluster(pool, random);
      int quota = (int) Math.max(1, Math.round(fraction * clusters.sizes()[c]));
      int take = Math.min(Math.min(quota, pool.size(c)), count - filled);
      for (int i = 0; i < take; i++) {
        drawn[filled++] = pool.removeRandom(c, random);
      }
    }
    return drawn;
  }

  /** A cluster chosen with probability proportional to its ids in the pool; the pool must not be empty. */
  private static int pickCluster(ClusterPool pool, SplittableRandom random) {
    int target = random.nextInt(pool.total());
    for (int c = 0; c < pool.clusterCount(); c++) {
      target -= pool.size(c);
      if (target < 0) {
        return c;
      }
    }
    throw new IllegalStateException("pool sizes do not add up to its total " + pool.total());
  }
}
