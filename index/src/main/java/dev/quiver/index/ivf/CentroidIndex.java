package dev.quiver.index.ivf;

/**
 * Finds the partitions whose centroids are nearest a query: the coarse quantizer's search side. A flat scan of all
 * centroids up to a threshold of partitions, a small IVF over the centroids above it.
 */
interface CentroidIndex {

  /** The {@code m} nearest partitions (at most all of them), nearest first. The query is already normalised. */
  Candidates nearest(float[] query, int m);

  /**
   * {@link #nearest(float[], int)} with up to {@code threads} threads sharing the work, the calling one among them;
   * the same candidates as one thread's. An index whose centroid pass is too small to repay a hand-off (or that cannot
   * split it) runs on the calling thread alone.
   */
  default Candidates nearest(float[] query, int m, int threads) {
    return nearest(query, m);
  }

  /**
   * {@link #nearest(float[], int)} for each of many queries, with results identical to calling it per query (a
   * batch's results must equal one-by-one search's); an index may share work across the queries.
   */
  default Candidates[] nearest(float[][] queries, int m) {
    Candidates[] out = new Candidates[queries.length];
    for (int q = 0; q < queries.length; q++) {
      out[q] = nearest(queries[q], m);
    }
    return out;
  }

  /** Levels of centroid search: 1 for a flat scan, one more for each parent level. */
  int levels();
}
