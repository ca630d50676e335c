package dev.quiver.bench;

import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.report.LatencyStats;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.ivf.RebuildResult;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code quiver bench rebuild}: search latency while an online rebuild runs, against the same searches on the idle
 * index in the same invocation (issue 5: p99 during a rebuild ≤ 2× the idle p99).
 *
 * <p>Protocol: build the index, warm the search path up, then alternate {@code --rounds} times an idle phase (every
 * query once, timed one by one) and a rebuild phase (an online rebuild into the same nlist on a background thread,
 * using half the cores as the engine's rebuild does, while this thread runs the queries in a loop, timed one by one,
 * until the rebuild is published). Interleaving idle and busy rounds spreads the machine's drift over both. Reported:
 * p50 and p99 of each phase over all rounds, their ratios, the rebuild's wall time, and the recall of the searches in
 * each phase (a rebuild must not cost correctness).
 */
public final class RebuildLatencyBenchmark {

  private static final Set<String> VALUED = Set.of("dataset", "queries", "recall", "k", "nlist", "rounds", "seed",
      "data-dir");

  private RebuildLatencyBenchmark() {}

  /** Runs the benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    CommandOptions options = CommandOptions.parse("bench rebuild", args, VALUED, Set.of("json"));
    int k = options.getInt("k", 10);
    double recall = Double.parseDouble(options.get("recall", "0.9"));
    int rounds = options.getInt("rounds", 3);
    if (rounds < 1 || k < 1 || !(recall > 0 && recall <= 1)) {
      throw new IllegalArgumentException("bench rebuild: --rounds and --k must be at least 1 and --recall in (0, 1],"
          + " got " + rounds + ", " + k + ", " + recall);
    }
    Dataset dataset = IvfBenchmark.load(options.require("dataset"), IvfBenchmark.dataRoot(options),
        options.getInt("queries", 1_000));
    dataset.groundTruth(0, k);
    int nlist = options.getInt("nlist", IvfParams.defaultNlist(dataset.baseCount()));
    long[] ids = new long[dataset.baseCount()];
    Arrays.setAll(ids, i -> i);
    progress("dataset %s: %,d × %d, %,d queries, nlist %d, kernels %s; building", dataset.name(),
        dataset.baseCount(), dataset.dim(), dataset.queryCount(), nlist, VectorKernels.implementationName());
    IvfIndex index = IvfIndex.build(dataset.base(), ids, IvfParams.of(dataset.dim(), dataset.metric(), nlist,
        options.getInt("seed", 42)));
    float[][] queries = new float[dataset.queryCount()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = dataset.query(q);
    }
    SearchParams params = SearchParams.forRecall(k, recall);
    for (int w = 0; w < 2; w++) {
      for (float[] query : queries) {
        index.search(query, params);
      }
    }
    Phase idle = new Phase();
    Phase busy = new Phase();
    double rebuildSeconds = 0;
    for (int round = 0; round < rounds; round++) {
      for (int q = 0; q < queries.length; q++) {
        idle.search(index, queries, q, params, dataset, k);
      }
      CompletableFuture<RebuildResult> rebuild = CompletableFuture.supplyAsync(() -> {
        index.maintenanceLock().lock();
        try {
          return index.rebuild(nlist, null);
        } finally {
          index.maintenanceLock().unlock();
        }
      });
      int q = 0;
      do { // at least one search per round, however quick the rebuild
        busy.search(index, queries, q, params, dataset, k);
        q = (q + 1) % queries.length;
      } while (!rebuild.isDone());
      RebuildResult result = rebuild.join();
      rebuildSeconds += result.nanos() / 1e9;
      progress("round %d: rebuild %.1f s, %,d searches meanwhile", round + 1, result.nanos() / 1e9,
          busy.count);
    }
    double idleP99 = idle.percentileMs(0.99);
    double busyP99 = busy.percentileMs(0.99);
    if (options.flag("json")) {
      for (Phase phase : new Phase[] {idle, busy}) {
        out.printf(Locale.ROOT, "{\"phase\": \"%s\", \"searches\": %d, \"recall_mean\": %.4f, \"latency_p50_ms\":"
            + " %.4f, \"latency_p99_ms\": %.4f, \"p99_vs_idle\": %.3f}%n", phase == idle ? "idle" : "rebuilding",
            phase.count, phase.recall / phase.count, phase.percentileMs(0.5), phase.percentileMs(0.99),
            phase.percentileMs(0.99) / idleP99);
      }
    } else {
      out.printf(Locale.ROOT, "%s: %,d × %d, nlist %d, k %d, recall target %.2f, %d rounds, %d cores (rebuild on"
          + " %d thread(s))%n", dataset.name(), dataset.baseCount(), dataset.dim(), nlist, k, recall, rounds,
          Runtime.getRuntime().availableProcessors(), Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
      out.printf(Locale.ROOT, "%-11s %9s %8s %9s %9s %12s%n", "phase", "searches", "recall", "p50 ms", "p99 ms",
          "p99 / idle");
      for (Phase phase : new Phase[] {idle, busy}) {
        out.printf(Locale.ROOT, "%-11s %9d %8.4f %9.4f %9.4f %12.3f%n", phase == idle ? "idle" : "rebuilding",
            phase.count, phase.recall / phase.count, phase.percentileMs(0.5), phase.percentileMs(0.99),
            phase.percentileMs(0.99) / idleP99);
      }
      out.printf(Locale.ROOT, "rebuild wall time: %.1f s mean over %d rounds; p99 while rebuilding = %.2f × idle%n",
          rebuildSeconds / rounds, rounds, busyP99 / idleP99);
    }
    return 0;
  }

  /** Latencies and recall of one phase's searches. */
  private static final class Phase {
    private long[] nanos = new long[1024];
    private int count;
    private double recall;

    void search(IvfIndex index, float[][] queries, int q, SearchParams params, Dataset dataset, int k) {
      long start = System.nanoTime();
      long[] found = index.search(queries[q], params).ids();
      long elapsed = System.nanoTime() - start;
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = elapsed;
      recall += dataset.recallAtK(q, found, k);
    }

    double percentileMs(double fraction) {
      return LatencyStats.percentileMs(Arrays.copyOf(nanos, count), fraction);
    }
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench rebuild] " + format + "%n", args);
  }
}
