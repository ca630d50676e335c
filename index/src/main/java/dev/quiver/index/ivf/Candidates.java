package dev.quiver.index.ivf;

/**
 * A query's nearest partitions, nearest first (ties: smaller partition index first).
 *
 * @param partitions partition indices
 * @param scores the query's centroid scores, parallel to {@code partitions} (smaller is nearer; the metric's internal
 *     score: squared L2, or the negated inner product)
 */
record Candidates(int[] partitions, float[] scores) {

  int size() {
    return partitions.length;
  }
}
