package dev.quiver.bench.aps;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.search.SearchParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What T threads give searches that share nothing on this machine: T threads each searching their own queries one by
 * one on one thread, against one thread searching them all.
 *
 * <p>Why it is printed beside the split: independent queries share neither a merge nor a stop rule nor a hand-off,
 * and do exactly the one-thread work, so what stops them from reaching T× is what the threads share, memory
 * bandwidth and cache. It is not a strict ceiling for one query split over T threads: those threads scan at the same
 * time, where independent queries are mostly in different phases, so a split can be bounded lower by the memory
 * alone, and on this project's 2-core host it is (two partition scans side by side: {@code bench kernels};
 * bench/RESULTS.md, issue 3). So the {@code aps-T-threads} row is read against this ratio and the
 * {@code fixed-T-threads} row, not against T.
 *
 * @param target recall target of the searches
 * @param threads threads searching at once
 * @param oneThreadQps queries per second on one thread, over the median round's pass
 * @param concurrentQps queries per second with {@code threads} threads each searching its share, likewise
 * @param ratio the median over rounds of each round's concurrent / one-thread QPS
 * @param rounds timed rounds, each one pass of either kind
 */
public record ConcurrentThroughput(double target, int threads, double oneThreadQps, double concurrentQps, double ratio,
    int rounds) {

  /**
   * Searches every query with {@code params.withThreads(1)}: once on one thread, and once split over
   * {@code threads} threads (query q on thread q mod threads, so every share is as hard as the whole), one untimed
   * pass of each, then {@link BatchThroughput#ROUNDS} rounds timing one pass of each in alternating order.
   */
  public static ConcurrentThroughput measure(IvfIndex index, float[][] queries, SearchParams params, int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException("threads: must be at least 2, was " + threads);
    }
    SearchParams one = params.withThreads(1);
    int rounds = BatchThroughput.ROUNDS;
    double[] oneSeconds = new double[rounds];
    double[] concurrentSeconds = new double[rounds];
    double[] ratios = new double[rounds];
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "bench-concurrent");
      thread.setDaemon(true);
      return thread;
    });
    try {
      searchAll(index, queries, one, 0, 1);
      concurrent(pool, index, queries, one, threads);
      for (int round = 0; round < rounds; round++) {
        for (int kind = 0; kind < 2; kind++) {
          boolean split = (kind + round) % 2 == 1;
          long t0 = System.nanoTime();
          if (split) {
            concurrent(pool, index, queries, one, threads);
            concurrentSeconds[round] = (System.nanoTime() - t0) / 1e9;
          } else {
            searchAll(index, queries, one, 0, 1);
            oneSeconds[round] = (System.nanoTime() - t0) / 1e9;
          }
        }
        ratios[round] = oneSeconds[round] / concurrentSeconds[round];
      }
    } finally {
      pool.shutdownNow();
    }
    return new ConcurrentThroughput(params.recallTarget(), threads, queries.length / BatchThroughput.median(oneSeconds),
        queries.length / BatchThroughput.median(concurrentSeconds), BatchThroughput.median(ratios), rounds);
  }

  /** One summary line: both speeds and their ratio. */
  public String describe() {
    return String.format(Locale.ROOT,
        "concurrent target %.2f: %d threads each searching its own queries %.0f QPS vs one thread %.0f QPS = %.2fx "
            + "(median of %d rounds), queries that share nothing", target, threads, concurrentQps,
        oneThreadQps, ratio, rounds);
  }

  private static void concurrent(ExecutorService pool, IvfIndex index, float[][] queries, SearchParams params,
      int threads) {
    List<Future<?>> shares = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      shares.add(pool.submit(() -> searchAll(index, queries, params, first, threads)));
    }
    for (Future<?> share : shares) {
      try {
        share.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("concurrent searches interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a concurrent search failed", e.getCause());
      }
    }
  }

  /** Searches queries {@code first}, {@code first + step}, … one by one; returns a checksum so none is elided. */
  private static long searchAll(IvfIndex index, float[][] queries, SearchParams params, int first, int step) {
    long sum = 0;
    for (int q = first; q < queries.length; q += step) {
      sum += index.search(queries[q], params).vectorsScanned();
    }
    return sum;
  }
}
