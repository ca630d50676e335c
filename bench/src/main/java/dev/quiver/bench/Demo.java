package dev.quiver.bench;

import dev.quiver.bench.aps.ApsRow;
import dev.quiver.bench.aps.SearchTimer;
import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import dev.quiver.bench.data.GroundTruth;
import dev.quiver.bench.data.IntRows;
import dev.quiver.bench.data.ProgressReporter;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code quiver demo}: generates clustered data, builds an IVF index, and prints recall@10 and latency as nprobe
 * grows, ending with a check that scanning every partition gives exactly the exact search's answer. Later issues
 * turn it into the SQL demo.
 */
public final class Demo {

  private static final int K = 10;

  private Demo() {}

  /** Runs the demo; returns 0, or 1 when the final exactness check fails. */
  public static int run(String[] args, PrintStream out) {
    CommandOptions options = CommandOptions.parse("demo", args, Set.of("n", "dim", "queries", "seed", "sql-rows"), Set.of());
    int n = options.getInt("n", 200_000);
    int dim = options.getInt("dim", 128);
    int queryCount = options.getInt("queries", 1_000);
    long seed = options.getInt("seed", 42);
    out.printf(Locale.ROOT, "Quiver demo: %d cores, %s distance kernels%n%n",
        Runtime.getRuntime().availableProcessors(), VectorKernels.implementationName());

    long t0 = System.nanoTime();
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(n, dim, seed));
    FloatRows base = generator.base();
    FloatRows queries = generator.queries(queryCount, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "1. generated %,d × %d clustered vectors (Gaussian mixture, %d clusters of skewed sizes) "
        + "and %,d queries in %.1f s%n", n, dim, generator.params().clusters(), queryCount, seconds(t0));

    t0 = System.nanoTime();
    IntRows truth = GroundTruth.compute(base, queries, Metric.L2, K, ProgressReporter.SILENT);
    out.printf(Locale.ROOT, "2. computed the exact top-%d of every query in %.1f s%n", K, seconds(t0));

    int nlist = IvfParams.defaultNlist(n);
    long[] ids = new long[n];
    Arrays.setAll(ids, i -> i);
    IvfIndex index = IvfIndex.build(base.values(), ids, IvfParams.of(dim, Metric.L2, nlist, seed));
    double raw = (double) n * (dim * Float.BYTES + Long.BYTES);
    out.printf(Locale.ROOT, "3. built an IVF index with nlist = %d (4·√n): train %.1f s, add %.1f s, calibrate "
            + "APS %.1f s, memory %.2f× the raw vectors and ids%n   APS recall-model dimensions by target: %s%n%n", nlist, index.buildStats().trainNanos() / 1e9,
        index.buildStats().addNanos() / 1e9, index.buildStats().calibrateNanos() / 1e9, index.memoryBytes() / raw,
        index.apsModelDimensions(K));

    out.println("Adaptive Partition Scanning: ask for a recall, not an nprobe");
    out.println();
    out.println("| recall target | recall@10 reached | partitions scanned (mean) | QPS (1 thread) | p50 ms | p99 ms |");
    out.println("|---:|---:|---:|---:|---:|---:|");
    float[][] queryRows = new float[queries.count()][];
    Arrays.setAll(queryRows, q -> query(queries, q));
    SearchTimer timer = new SearchTimer(index, queryRows, (q, found) -> recall(truth, q, found));
    for (double target : new double[] {0.8, 0.9, 0.95, 0.99}) {
      ApsRow t = timer.measure("aps", target, SearchParams.forRecall(K, target));
      out.printf(Locale.ROOT, "| %.2f | %.4f | %.1f | %.0f | %.3f | %.3f |%n", target, t.recallMean(),
          t.nprobeMean(), t.qps(), t.latencyP50Ms(), t.latencyP99Ms());
    }
    out.println();
    out.println("Fixed nprobe, for comparison:");
    out.println();

    out.println("| nprobe | recall@10 | QPS (1 thread) | p50 ms | p99 ms |");
    out.println("|---:|---:|---:|---:|---:|");
    for (int nprobe = 1; nprobe <= nlist; nprobe *= 2) {
      ApsRow t = timer.measure("fixed", Double.NaN, SearchParams.fixedNprobe(K, nprobe));
      out.printf(Locale.ROOT, "| %d | %.4f | %.0f | %.3f | %.3f |%n", nprobe, t.recallMean(), t.qps(),
          t.latencyP50Ms(), t.latencyP99Ms());
      if (t.recallMean() >= 0.999) {
        break;
      }
    }
    int status = exactnessCheck(index, queries, out);
    try {
      SqlDemo.run(base, queries, Math.min(n, options.getInt("sql-rows", 50_000)), out);
    } catch (java.sql.SQLException e) {
      out.printf("%nthe SQL part FAILED: %s (SQLSTATE %s)%n", e.getMessage(), e.getSQLState());
      return 1;
    }
    return status;
  }

  /** Scanning every partition must return exactly what exact search returns, ids and order. */
  private static int exactnessCheck(IvfIndex index, FloatRows queries, PrintStream out) {
    int checked = Math.min(queries.count(), 100);
    for (int q = 0; q < checked; q++) {
      float[] query = query(queries, q);
      if (!Arrays.equals(index.exactSearch(query, K).ids(), index.search(query, K, index.nlist()).ids())) {
        out.printf("%nexactness check FAILED at query %d: nprobe = nlist differs from exact search%n", q);
        return 1;
      }
    }
    out.printf(Locale.ROOT, "%nexactness check passed: nprobe = nlist equals exact search on %d queries%n", checked);
    return 0;
  }

  private static double recall(IntRows truth, int q, long[] ids) {
    int hits = 0;
    for (int i = 0; i < K; i++) {
      int expected = truth.values()[q * truth.dim() + i];
      for (long id : ids) {
        if (id == expected) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / K;
  }

  private static float[] query(FloatRows queries, int q) {
    return Arrays.copyOfRange(queries.values(), q * queries.dim(), (q + 1) * queries.dim());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
