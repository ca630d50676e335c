package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.cluster.CentroidAssigner;

/**
 * The coarse quantizer and its partitions, published together: the centroids, the index that searches them, one
 * {@link Partition} per centroid, and the assigner that places new vectors. Immutable as a whole; maintenance will
 * publish a new layout atomically rather than change this one.
 */
final class PartitionLayout {

  private final int dim;
  private final float[] centroids;
  private final Partition[] partitions;
  private final CentroidAssigner assigner;
  private final CentroidIndex centroidIndex;

  PartitionLayout(Metric metric, int dim, float[] centroids, Partition[] partitions, int hierarchyThreshold,
      long seed) {
    this.dim = dim;
    this.centroids = centroids;
    this.partitions = partitions;
    this.assigner = new CentroidAssigner(centroids, partitions.length, dim, metric == Metric.INNER_PRODUCT);
    this.centroidIndex = partitions.length > hierarchyThreshold
        ? new HierarchicalCentroidIndex(metric, centroids, partitions.length, dim, seed)
        : new FlatCentroidIndex(metric, centroids, partitions.length);
  }

  int nlist() {
    return partitions.length;
  }

  int dim() {
    return dim;
  }

  Partition partition(int index) {
    return partitions[index];
  }

  float[] centroids() {
    return centroids;
  }

  CentroidIndex centroidIndex() {
    return centroidIndex;
  }

  /** The partition a new (already normalised) vector belongs to. */
  int assign(float[] vector) {
    return assigner.nearest(vector);
  }
}
