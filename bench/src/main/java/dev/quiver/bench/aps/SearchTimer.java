package dev.quiver.bench.aps;

import dev.quiver.bench.report.LatencyStats;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Times one search per query, one query at a time on the calling thread, after an untimed warm-up, and turns the
 * per-query recall, partitions scanned and latency into an {@link ApsRow}.
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
    int nq = queries.length;
    for (int q = 0; q < Math.min(nq, WARM_UP_QUERIES); q++) {
      index.search(queries[q], paramsOf.apply(q));
    }
    long[] latencies = new long[nq];
    double[] recalls = new double[nq];
    long partitions = 0;
    for (int q = 0; q < nq; q++) {
      SearchParams params = paramsOf.apply(q);
      long t0 = System.nanoTime();
      SearchResult result = index.search(queries[q], params);
      latencies[q] = System.nanoTime() - t0;
      // Recall bookkeeping stays outside the timed span, and QPS is derived from the timed spans only.
      recalls[q] = recall.recall(q, result.ids());
      partitions += result.partitionsScanned();
    }
    double seconds = Arrays.stream(latencies).sum() / 1e9;
    return new ApsRow(method, target, k, Arrays.stream(recalls).average().orElse(Double.NaN),
        LatencyStats.percentile(recalls, 0.10), (double) partitions / nq, LatencyStats.percentileMs(latencies, 0.5),
        LatencyStats.percentileMs(latencies, 0.99), nq / seconds);
  }
}
