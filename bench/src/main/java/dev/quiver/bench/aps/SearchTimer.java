package dev.quiver.bench.aps;

import dev.quiver.bench.report.LatencyStats;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.SearchParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Times one search per query and method, one query at a time on the calling thread, after an untimed warm-up, and
 * turns the per-query recall, partitions scanned and latency into an {@link ApsRow} per method.
 */
public final class SearchTimer {

  /** Queries searched untimed before each measurement, so that the JIT has compiled the search path. */
  public static final int WARM_UP_QUERIES = 1_000;

  private final IvfIndex index;
  private final float[][] queries;
  private final QueryRecall recall;

  /**
   * @param index the index to search
   * @param queries query vectors; query number i is {@code queries[i]}
   * @param recall recall@k of a result for a query number
   */
  public SearchTimer(IvfIndex index, float[][] queries, QueryRecall recall) {
    this.index = index;
    this.queries = queries;
    this.recall = recall;
  }

  /** A method to time: its name, target, k and the parameters of query number q (the oracle's vary per query). */
  public record Method(String name, double target, int k, IntFunction<SearchParams> paramsOf) {

    /** A method whose parameters are the same for every query. */
    public static Method of(String name, double target, SearchParams params) {
      return new Method(name, target, params.k(), q -> params);
    }
  }

  /** Measures one method whose parameters are the same for every query. */
  public ApsRow measure(String method, double target, SearchParams params) {
    return measure(method, target, params.k(), q -> params);
  }

  /**
   * Measures one method whose parameters may differ per query (the oracle's nprobe).
   *
   * @param paramsOf the parameters of query number q
   */
  public ApsRow measure(String method, double target, int k, IntFunction<SearchParams> paramsOf) {
    return measureInterleaved(List.of(new Method(method, target, k, paramsOf))).get(0);
  }

  /**
   * Queries per block of {@link #measureInterleaved}: a block's searches take tens of milliseconds per method, short
   * against a change in the machine's load, and read tens of megabytes or more (at least 100 queries × a few
   * partitions), so a method repeating the block does not find the previous method's partitions still in cache.
   */
  static final int INTERLEAVED_BLOCK = 100;

  /**
   * Measures several methods block by block: each block of {@value #INTERLEAVED_BLOCK} queries is searched by every
   * method in turn, the order rotating from one block to the next, so that a change in the machine's load (it is
   * shared) falls on all of them alike instead of on whichever method ran in that minute. Measured one after another,
   * two runs of identical code gave APS p50 / fixed p50 ratios up to 0.2x apart (bench/RESULTS.md, issue 3). Blocks
   * rather than single queries: a query searched by two methods back to back would find its partitions in cache the
   * second time.
   */
  public List<ApsRow> measureInterleaved(List<Method> methods) {
    int nq = queries.length;
    int m = methods.size();
    for (Method method : methods) {
      for (int q = 0; q < Math.min(nq, WARM_UP_QUERIES); q++) {
        index.search(queries[q], method.paramsOf().apply(q));
      }
    }
    long[][] latencies = new long[m][nq];
    double[][] recalls = new double[m][nq];
    long[] partitions = new long[m];
    for (int from = 0, block = 0; from < nq; from += INTERLEAVED_BLOCK, block++) {
      int to = Math.min(nq, from + INTERLEAVED_BLOCK);
      for (int j = 0; j < m; j++) {
        int i = (block + j) % m;
        for (int q = from; q < to; q++) {
          SearchParams params = methods.get(i).paramsOf().apply(q);
          long t0 = System.nanoTime();
          SearchResult result = index.search(queries[q], params);
          latencies[i][q] = System.nanoTime() - t0;
          // Recall bookkeeping stays outside the timed span, and QPS is derived from the timed spans only.
          recalls[i][q] = recall.recall(q, result.ids());
          partitions[i] += result.partitionsScanned();
        }
      }
    }
    List<ApsRow> rows = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      Method method = methods.get(i);
      double seconds = Arrays.stream(latencies[i]).sum() / 1e9;
      rows.add(new ApsRow(method.name(), method.target(), method.k(),
          Arrays.stream(recalls[i]).average().orElse(Double.NaN), LatencyStats.percentile(recalls[i], 0.10),
          (double) partitions[i] / nq, LatencyStats.percentileMs(latencies[i], 0.5),
          LatencyStats.percentileMs(latencies[i], 0.99), nq / seconds));
    }
    return rows;
  }
}
