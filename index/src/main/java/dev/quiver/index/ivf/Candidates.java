package dev.quiver.index.ivf;

import dev.quiver.index.search.TopKCollector;

/**
 * A query's nearest partitions, nearest first (ties: smaller partition index first).
 *
 * @param partitions partition indices
 * @param scores the query's centroid scores, parallel to {@code partitions} (smaller is nearer; the metric's internal
 *     score: squared L2, or the negated inner product)
 */
record Candidates(int[] partitions, float[] scores) {

  /** Candidates from a ranked top-k whose ids are partition indices. */
  static Candidates of(TopKCollector.Ranked ranked) {
    int[] partitions = new int[ranked.ids().length];
    for (int i = 0; i < partitions.length; i++) {
      partitions[i] = (int) ranked.ids()[i];
    }
    return new Candidates(partitions, ranked.scores());
  }

  int size() {
    return partitions.length;
  }
}
