package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.cluster.CentroidAssigner;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.TopKCollector;

/**
 * The coarse quantizer and its partitions, published together: the centroids (a flat row-major block scanned
 * exactly), one {@link Partition} per centroid, and the assigner that places new vectors. Immutable as a whole;
 * maintenance will publish a new layout atomically rather than change this one.
 */
final class PartitionLayout {

  private final Metric metric;
  private final int dim;
  private final float[] centroids;
  private final Partition[] partitions;
  private final CentroidAssigner assigner;

  PartitionLayout(Metric metric, int dim, float[] centroids, Partition[] partitions) {
    this.metric = metric;
    this.dim = dim;
    this.centroids = centroids;
    this.partitions = partitions;
    this.assigner = new CentroidAssigner(centroids, partitions.length, dim, metric == Metric.INNER_PRODUCT);
  }

  int nlist() {
    return partitions.length;
  }

  Partition partition(int index) {
    return partitions[index];
  }

  float[] centroids() {
    return centroids;
  }

  /** The partition a new (already normalised) vector belongs to. */
  int assign(float[] vector) {
    return assigner.nearest(vector);
  }

  /**
   * Indices of the {@code nprobe} partitions whose centroids score best for {@code query}, best first; ties go to
   * the smaller index. {@code scores} is scratch space of at least {@link #nlist()} floats.
   */
  int[] nearestPartitions(float[] query, int nprobe, float[] scores) {
    int nlist = partitions.length;
    if (metric == Metric.L2) {
      VectorKernels.squaredL2Bulk(query, centroids, 0, nlist, scores);
    } else {
      VectorKernels.dotBulk(query, centroids, 0, nlist, scores);
      for (int i = 0; i < nlist; i++) {
        scores[i] = -scores[i];
      }
    }
    int probes = Math.min(nprobe, nlist);
    TopKCollector best = new TopKCollector(probes, true);
    float worst = Float.POSITIVE_INFINITY;
    for (int i = 0; i < nlist; i++) {
      if (scores[i] <= worst && best.offer(i, scores[i])) {
        worst = best.worstScore();
      }
    }
    long[] ranked = best.sortedIds();
    int[] result = new int[ranked.length];
    for (int i = 0; i < ranked.length; i++) {
      result[i] = (int) ranked[i];
    }
    return result;
  }
}
