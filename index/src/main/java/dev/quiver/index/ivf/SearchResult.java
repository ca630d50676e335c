package dev.quiver.index.ivf;

/**
 * The nearest vectors found for one query, nearest first, and what finding them cost.
 *
 * @param ids vector ids, nearest first; ties are ordered by smaller id
 * @param distances distances in the metric's reported form (L2: Euclidean; inner product: negative inner product;
 *     cosine: 1 − cosine), parallel to {@code ids}
 * @param partitionsScanned number of partitions read
 * @param vectorsScanned number of vectors compared with the query
 * @param estimatedRecall the recall APS estimated when it stopped (1.0 for an exact search; NaN for a fixed nprobe,
 *     which estimates nothing)
 */
public record SearchResult(long[] ids, float[] distances, int partitionsScanned, long vectorsScanned,
    double estimatedRecall) {

  /** Number of results, at most k. */
  public int size() {
    return ids.length;
  }
}
