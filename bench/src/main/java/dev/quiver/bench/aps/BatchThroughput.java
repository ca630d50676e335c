package dev.quiver.bench.aps;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.Locale;

/**
 * Compares {@link IvfIndex#searchBatch} over batches of queries with searching the same queries one by one on one
 * thread, for throughput, and checks that the batched results are identical, as the index promises.
 *
 * @param target recall target of the searches
 * @param batchSize queries per {@code searchBatch} call
 * @param threads threads of the batched searches
 * @param serialQps queries per second searched one by one on one thread
 * @param batchedQps queries per second through {@code searchBatch}
 * @param mismatches queries whose batched ids or distances differ from the one-by-one result; should be 0
 */
public record BatchThroughput(double target, int batchSize, int threads, double serialQps, double batchedQps,
    int mismatches) {

  /** Queries per {@code searchBatch} call unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;

  /**
   * Searches every query one by one with {@code params.withThreads(1)}, then in batches with {@code params}, each
   * pass once untimed (warm-up) and once timed.
   */
  public static BatchThroughput measure(IvfIndex index, float[][] queries, SearchParams params, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: must be positive, was " + batchSize);
    }
    SearchParams serialParams = params.withThreads(1);
    serial(index, queries, serialParams);
    long t0 = System.nanoTime();
    SearchResult[] serial = serial(index, queries, serialParams);
    double serialSeconds = (System.nanoTime() - t0) / 1e9;
    batched(index, queries, params, batchSize);
    t0 = System.nanoTime();
    SearchResult[] batched = batched(index, queries, params, batchSize);
    double batchedSeconds = (System.nanoTime() - t0) / 1e9;
    int mismatches = 0;
    for (int q = 0; q < queries.length; q++) {
      if (!Arrays.equals(serial[q].ids(), batched[q].ids())
          || !Arrays.equals(serial[q].distances(), batched[q].distances())) {
        mismatches++;
      }
    }
    return new BatchThroughput(params.recallTarget(), batchSize, params.threads(), queries.length / serialSeconds,
        queries.length / batchedSeconds, mismatches);
  }

  /** One summary line: both speeds, their ratio and the mismatch count. */
  public String describe() {
    return String.format(Locale.ROOT,
        "batched target %.2f: searchBatch(%d per batch, %d thread%s) %.0f QPS vs one-by-one %.0f QPS = %.2fx; "
            + "mismatches %d", target, batchSize, threads, threads == 1 ? "" : "s", batchedQps, serialQps,
        batchedQps / serialQps, mismatches);
  }

  private static SearchResult[] serial(IvfIndex index, float[][] queries, SearchParams params) {
    SearchResult[] results = new SearchResult[queries.length];
    for (int q = 0; q < queries.length; q++) {
      results[q] = index.search(queries[q], params);
    }
    return results;
  }

  private static SearchResult[] batched(IvfIndex index, float[][] queries, SearchParams params, int batchSize) {
    SearchResult[] results = new SearchResult[queries.length];
    for (int from = 0; from < queries.length; from += batchSize) {
      int to = Math.min(queries.length, from + batchSize);
      SearchResult[] part = index.searchBatch(Arrays.copyOfRange(queries, from, to), params);
      System.arraycopy(part, 0, results, from, part.length);
    }
    return results;
  }
}
