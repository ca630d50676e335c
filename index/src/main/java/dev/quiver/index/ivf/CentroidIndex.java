package dev.quiver.index.ivf;

/**
 * Finds the partitions whose centroids are nearest a query: the coarse quantizer's search side. A flat scan of all
 * centroids up to a threshold of partitions, a small IVF over the centroids above it.
 */
interface CentroidIndex {

  /** The {@code m} nearest partitions (at most all of them), nearest first. The query is already normalised. */
  Candidates nearest(float[] query, int m);

  /** Levels of centroid search: 1 for a flat scan, one more for each parent level. */
  int levels();
}
