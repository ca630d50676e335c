package dev.quiver.bench.aps;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.Locale;

/**
 * APS on an index whose partitions keep 8-bit codes ({@code IvfParams.quantizedScan}) against the same partitioning
 * in float rows only, on one thread and on T threads a query, with a check that the answers are identical, as the
 * first pass's bound promises.
 *
 * <p>Both indexes hold the same partitions, rows in the same order and the same APS calibration (the twin is
 * restored from the float index's centroids, assignment and model dimensions), so they scan the same partitions and
 * only the bytes read per row differ. Each round times one pass of all four kinds, in an order rotated per round,
 * and every ratio is the median over rounds of that round's ratio ({@link BatchThroughput#ROUNDS}).
 *
 * @param target recall target of the searches
 * @param threads threads per query of the split kinds
 * @param floatQps queries per second, float rows, one thread, over the median round's pass
 * @param codesQps likewise with the 8-bit first pass
 * @param floatSplitQps float rows, {@code threads} threads per query
 * @param codesSplitQps 8-bit first pass, {@code threads} threads per query
 * @param codesOverFloat median of codes / float QPS on one thread
 * @param codesOverFloatSplit median of codes / float QPS on {@code threads} threads
 * @param codesSplitOverOne median of codes on {@code threads} threads / codes on one
 * @param floatSplitOverOne median of float on {@code threads} threads / float on one
 * @param mismatches queries whose ids or distances differ between the two indexes; should be 0
 */
public record QuantizedThroughput(double target, int threads, double floatQps, double codesQps, double floatSplitQps,
    double codesSplitQps, double codesOverFloat, double codesOverFloatSplit, double codesSplitOverOne,
    double floatSplitOverOne, int mismatches) {

  /** Times APS at {@code params} on {@code plain} and {@code coded}, one thread and {@code threads} threads a query. */
  public static QuantizedThroughput measure(IvfIndex plain, IvfIndex coded, float[][] queries, SearchParams params,
      int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException("threads: must be at least 2, was " + threads);
    }
    SearchParams one = params.withThreads(1);
    SearchParams split = params.withThreads(threads);
    int mismatches = 0;
    for (float[] query : queries) {
      SearchResult expected = plain.search(query, one);
      SearchResult actual = coded.search(query, one);
      if (!Arrays.equals(expected.ids(), actual.ids()) || !Arrays.equals(expected.distances(), actual.distances())) {
        mismatches++;
      }
    }
    IvfIndex[] indexes = {plain, coded, plain, coded};
    SearchParams[] kinds = {one, one, split, split};
    int rounds = BatchThroughput.ROUNDS;
    double[][] seconds = new double[4][rounds];
    for (int kind = 0; kind < 4; kind++) {
      pass(indexes[kind], queries, kinds[kind]); // warm-up
    }
    double[][] ratios = new double[4][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int step = 0; step < 4; step++) {
        int kind = (step + round) % 4;
        long t0 = System.nanoTime();
        pass(indexes[kind], queries, kinds[kind]);
        seconds[kind][round] = (System.nanoTime() - t0) / 1e9;
      }
      ratios[0][round] = seconds[0][round] / seconds[1][round];
      ratios[1][round] = seconds[2][round] / seconds[3][round];
      ratios[2][round] = seconds[1][round] / seconds[3][round];
      ratios[3][round] = seconds[0][round] / seconds[2][round];
    }
    int n = queries.length;
    return new QuantizedThroughput(params.recallTarget(), threads, n / BatchThroughput.median(seconds[0]),
        n / BatchThroughput.median(seconds[1]), n / BatchThroughput.median(seconds[2]),
        n / BatchThroughput.median(seconds[3]), BatchThroughput.median(ratios[0]),
        BatchThroughput.median(ratios[1]), BatchThroughput.median(ratios[2]), BatchThroughput.median(ratios[3]),
        mismatches);
  }

  /** Summary lines: the first pass against float rows, and what T threads a query give each. */
  public String describe() {
    return String.format(Locale.ROOT,
        "quantized target %.2f: 8-bit first pass %.0f QPS vs float rows %.0f QPS = %.2fx on 1 thread; %.0f vs %.0f "
            + "QPS = %.2fx on %d threads a query; %d-thread / 1-thread QPS %.2fx with codes, %.2fx with float rows "
            + "(medians of %d rounds); mismatches %d", target, codesQps, floatQps, codesOverFloat, codesSplitQps,
        floatSplitQps, codesOverFloatSplit, threads, threads, codesSplitOverOne, floatSplitOverOne,
        BatchThroughput.ROUNDS, mismatches);
  }

  private static long pass(IvfIndex index, float[][] queries, SearchParams params) {
    long sum = 0;
    for (float[] query : queries) {
      sum += index.search(query, params).vectorsScanned();
    }
    return sum;
  }
}
