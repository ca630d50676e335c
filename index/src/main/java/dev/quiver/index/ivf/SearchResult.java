package dev.quiver.index.ivf;

/**
 * The nearest vectors found for one query, nearest first.
 *
 * @param ids vector ids, nearest first; ties are ordered by smaller id
 * @param distances distances in the metric's reported form (L2: Euclidean; inner product: negative inner product;
 *     cosine: 1 − cosine), parallel to {@code ids}
 * @param partitionsScanned number of partitions read
 * @param vectorsScanned number of vectors compared with the query
 */
public record SearchResult(long[] ids, float[] distances, int partitionsScanned, long vectorsScanned) {

  /** Number of results, at most k. */
  public int size() {
    return ids.length;
  }
}
