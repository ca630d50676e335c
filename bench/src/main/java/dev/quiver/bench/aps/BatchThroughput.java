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
 * @param serialQps queries per second searched one by one on one thread, over the median round's pass
 * @param batchedQps queries per second through {@code searchBatch}, likewise
 * @param ratio the median over rounds of each round's batched / one-by-one QPS
 * @param rounds timed rounds, each one pass of either kind
 * @param mismatches queries whose batched ids or distances differ from the one-by-one result; should be 0
 */
public record BatchThroughput(double target, int batchSize, int threads, double serialQps, double batchedQps,
    double ratio, int rounds, int mismatches) {

  /**
   * Timed rounds. Why more than one: a pass of 2,000 queries lasts 0.2–0.3 s at a 0.8 target, and one pass of each
   * kind put the ratio anywhere from 1.18x to 1.47x for the same build on this shared machine (bench/RESULTS.md,
   * issue 3); the median of several rounds, each timing both kinds back to back in alternating order, does not hinge
   * on one burst of other load. Why nine: this machine's arithmetic throughput drops to about half for bursts of up
   * to 5 s (an FMA loop in L1 ran at 6.1 ms per pass, and 11 ms in 16% of 40 s of passes; a memory-bound pass moved
   * far less), which slows a batch, bound by arithmetic, and hardly the one-by-one pass, bound by memory; with five
   * rounds a burst over three of them set the median (bench/RESULTS.md, issue 3).
   */
  public static final int ROUNDS = 9;

  /** Queries per {@code searchBatch} call unless told otherwise. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;

  /**
   * Searches every query one by one with {@code params.withThreads(1)} and in batches with {@code params}: one
   * untimed pass of each (warm-up), then {@link #ROUNDS} rounds that time one pass of each, in alternating order.
   */
  public static BatchThroughput measure(IvfIndex index, float[][] queries, SearchParams params, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: must be positive, was " + batchSize);
    }
    SearchParams serialParams = params.withThreads(1);
    SearchResult[] serial = serial(index, queries, serialParams);
    SearchResult[] batched = batched(index, queries, params, batchSize);
    double[] serialSeconds = new double[ROUNDS];
    double[] batchedSeconds = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (int kind = 0; kind < 2; kind++) {
        boolean batch = (kind + round) % 2 == 1;
        long t0 = System.nanoTime();
        if (batch) {
          batched = batched(index, queries, params, batchSize);
          batchedSeconds[round] = (System.nanoTime() - t0) / 1e9;
        } else {
          serial = serial(index, queries, serialParams);
          serialSeconds[round] = (System.nanoTime() - t0) / 1e9;
        }
      }
      ratios[round] = serialSeconds[round] / batchedSeconds[round];
    }
    int mismatches = 0;
    for (int q = 0; q < queries.length; q++) {
      if (!Arrays.equals(serial[q].ids(), batched[q].ids())
          || !Arrays.equals(serial[q].distances(), batched[q].distances())) {
        mismatches++;
      }
    }
    return new BatchThroughput(params.recallTarget(), batchSize, params.threads(),
        queries.length / median(serialSeconds), queries.length / median(batchedSeconds), median(ratios), ROUNDS,
        mismatches);
  }

  /** The median of {@code values} (the mean of the middle two when their count is even). */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** One summary line: both speeds, their ratio and the mismatch count. */
  public String describe() {
    return String.format(Locale.ROOT,
        "batched target %.2f: searchBatch(%d per batch, %d thread%s) %.0f QPS vs one-by-one %.0f QPS = %.2fx "
            + "(median of %d rounds); mismatches %d", target, batchSize, threads, threads == 1 ? "" : "s", batchedQps,
        serialQps, ratio, rounds, mismatches);
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
