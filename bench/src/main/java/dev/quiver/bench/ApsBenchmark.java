package dev.quiver.bench;

import dev.quiver.bench.aps.ApsReport;
import dev.quiver.bench.aps.ApsRow;
import dev.quiver.bench.aps.BatchThroughput;
import dev.quiver.bench.aps.ConcurrentThroughput;
import dev.quiver.bench.aps.FaissTargets;
import dev.quiver.bench.aps.NprobeFinder;
import dev.quiver.bench.aps.QuantizedThroughput;
import dev.quiver.bench.aps.SearchTimer;
import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.report.CpuSteal;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code quiver bench aps}: how well Adaptive Partition Scanning (ALGORITHMS.md §2) meets recall targets on a real
 * dataset. For each target it measures APS against a per-query oracle nprobe (the cheapest fixed nprobe that meets
 * the target for each query), the best single fixed nprobe (tuned on the very queries measured, so an optimistic
 * baseline), optionally Faiss IVF-Flat at its best single nprobe, APS on several threads, and batched search.
 */
public final class ApsBenchmark {

  private static final Set<String> VALUED = Set.of("dataset", "targets", "k", "threads", "queries", "nlist", "peers",
      "data-dir", "seed");
  private static final double[] DEFAULT_TARGETS = {0.8, 0.9, 0.95, 0.99};
  /** Start of this command, for the elapsed time on progress lines. */
  private static final long STARTED = System.nanoTime();

  private final IvfIndex index;
  private final float[][] queries;
  private final int k;
  private final int threads;
  private final SearchTimer timer;
  private final NprobeFinder finder;
  private final List<ApsRow> rows = new ArrayList<>();
  private final List<BatchThroughput> batches = new ArrayList<>();
  private final List<ConcurrentThroughput> concurrent = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** The index with an 8-bit first pass ({@code --quantized}), or null. */
  private IvfIndex quantizedTwin;
  /** Time spent finding oracle and fixed nprobes, in ns: the tuning cost APS avoids. */
  private long tuningNanos;

  private ApsBenchmark(IvfIndex index, Dataset dataset, int k, int threads) {
    this.index = index;
    this.queries = new float[dataset.queryCount()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = dataset.query(q);
    }
    this.k = k;
    this.threads = threads;
    this.timer = new SearchTimer(index, queries, (q, ids) -> dataset.recallAtK(q, ids, k));
    this.finder = new NprobeFinder(index, queries, k, (q, ids) -> dataset.recallAtK(q, ids, k));
  }

  /** Runs the benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    CommandOptions options = CommandOptions.parse("bench aps", args, VALUED, Set.of("json", "quantized"));
    double[] targets = targets(options.get("targets", null));
    int k = options.getInt("k", 10);
    int threads = options.getInt("threads", 1);
    if (threads < 1) {
      throw new IllegalArgumentException("bench aps: --threads must be at least 1, got " + threads);
    }
    Dataset dataset = IvfBenchmark.load(options.require("dataset"), IvfBenchmark.dataRoot(options),
        options.getInt("queries", 0));
    // Recall@k needs k exact neighbours per query: fail before the long build rather than after it.
    dataset.groundTruth(0, k);
    int nlist = options.getInt("nlist", IvfParams.defaultNlist(dataset.baseCount()));
    progress("dataset %s: %,d × %d (%s), %,d queries; nlist %d; k %d; kernels %s", dataset.name(),
        dataset.baseCount(), dataset.dim(), dataset.metric(), dataset.queryCount(), nlist, k,
        VectorKernels.implementationName());

    ApsBenchmark bench = new ApsBenchmark(build(dataset, nlist, options.getInt("seed", 42)), dataset, k, threads);
    if (options.flag("quantized")) {
      bench.quantizedTwin = quantizedTwin(bench.index, dataset);
    }
    bench.warmUp(targets);
    int[] fixedChosen = new int[targets.length];
    for (int t = 0; t < targets.length; t++) {
      fixedChosen[t] = bench.measureTarget(targets[t]);
    }
    bench.notes.add(String.format(Locale.ROOT, "tuning the oracle and fixed nprobes took %.1f s (%,d index "
        + "searches); APS needs none", bench.tuningNanos / 1e9, bench.finder.searches()));
    bench.notes.add("fixed: the smallest single nprobe whose mean recall@" + k + " meets the target, tuned on the "
        + "measured queries themselves; oracle: the smallest such nprobe for each query (per-query recall@" + k
        + " is a multiple of 1/" + k + ", so a query meets target τ only at ⌈τ·" + k + "⌉/" + k + ")");
    if (options.getList("peers", List.of("faiss")).contains("faiss")) {
      bench.faiss(dataset, fixedChosen, targets);
    }

    String title = String.format(Locale.ROOT, "%s: %,d × %d, %s, %,d queries, nlist %d, k = %d, one search thread "
        + "unless named, %d cores", dataset.name(), dataset.baseCount(), dataset.dim(), dataset.metric(),
        dataset.queryCount(), nlist, k, Runtime.getRuntime().availableProcessors());
    new ApsReport(title, targets, threads, bench.rows, bench.batches, bench.concurrent, bench.notes)
        .print(out, System.err, options.flag("json"));
    progress("done");
    return 0;
  }

  /**
   * Runs APS at every target over the first queries, untimed, so that the first timed method does not pay for the
   * JIT compiling the adaptive path (the fixed-nprobe path is warmed by the oracle search anyway).
   */
  private void warmUp(double[] targets) {
    progress("warming up ...");
    for (double target : targets) {
      SearchParams params = SearchParams.forRecall(k, target);
      for (int q = 0; q < Math.min(queries.length, SearchTimer.WARM_UP_QUERIES); q++) {
        index.search(queries[q], params);
      }
    }
  }

  /**
   * Measures every method at one target, interleaved in blocks of queries ({@link SearchTimer#measureInterleaved})
   * once the oracle's and the fixed nprobes are tuned; returns the fixed nprobe chosen.
   */
  private int measureTarget(double target) {
    SearchParams aps = SearchParams.forRecall(k, target);
    long t0 = System.nanoTime();
    int[] oracle = oracleNprobes(target);
    int fixed = finder.smallestFixedNprobe(target);
    tuningNanos += System.nanoTime() - t0;
    if (fixed < 0) {
      notes.add(String.format(Locale.ROOT, "fixed %.2f: mean recall misses the target even at nprobe = nlist; "
          + "measured at nlist", target));
      fixed = index.nlist();
    }
    List<SearchTimer.Method> methods = new ArrayList<>();
    methods.add(SearchTimer.Method.of("aps", target, aps));
    if (threads > 1) {
      methods.add(SearchTimer.Method.of("aps-" + threads + "-threads", target, aps.withThreads(threads)));
    }
    methods.add(new SearchTimer.Method("oracle", target, k, q -> SearchParams.fixedNprobe(k, oracle[q])));
    methods.add(SearchTimer.Method.of("fixed", target, SearchParams.fixedNprobe(k, fixed)));
    if (threads > 1) {
      // The same fixed scan on T threads: what T threads give a plain partition scan on this machine (its memory
      // bandwidth bounds it), the ceiling against which APS's own T-thread speed-up is read.
      methods.add(SearchTimer.Method.of("fixed-" + threads + "-threads", target,
          SearchParams.fixedNprobe(k, fixed).withThreads(threads)));
    }
    CpuSteal steal = CpuSteal.start();
    List<ApsRow> measured = timer.measureInterleaved(methods);
    String stolen = steal.describe();
    if (!stolen.isEmpty()) {
      notes.add(String.format(Locale.ROOT, "%.2f: %s while its methods were timed", target, stolen));
    }
    rows.addAll(measured);
    progress("%.2f: aps recall %.4f, nprobe %.1f; oracle nprobe %.1f; fixed nprobe %d", target,
        measured.get(0).recallMean(), measured.get(0).nprobeMean(),
        measured.stream().filter(r -> r.method().equals("oracle")).findFirst().orElseThrow().nprobeMean(), fixed);
    batches.add(BatchThroughput.measure(index, queries, aps, BatchThroughput.DEFAULT_BATCH_SIZE));
    if (threads > 1) {
      batches.add(BatchThroughput.measure(index, queries, aps.withThreads(threads),
          BatchThroughput.DEFAULT_BATCH_SIZE));
      concurrent.add(ConcurrentThroughput.measure(index, queries, aps, threads));
    }
    if (quantizedTwin != null) {
      notes.add(QuantizedThroughput.measure(index, quantizedTwin, queries, aps, Math.max(2, threads)).describe());
    }
    return fixed;
  }

  /** Each query's oracle nprobe; a query that misses the target even at nlist is charged a full scan. */
  private int[] oracleNprobes(double target) {
    int[] oracle = new int[queries.length];
    int unreachable = 0;
    for (int q = 0; q < queries.length; q++) {
      oracle[q] = finder.oracleNprobe(q, target);
      if (oracle[q] < 0) {
        oracle[q] = index.nlist();
        unreachable++;
      }
    }
    if (unreachable > 0) {
      // Possible only through ties at the k-th distance, which the ground truth may break differently.
      notes.add(String.format(Locale.ROOT, "oracle %.2f: %d of %d queries miss the target even at nprobe = nlist "
          + "(%d); counted at nlist", target, unreachable, queries.length, index.nlist()));
    }
    return oracle;
  }

  /** Adds the Faiss rows when possible; says why not otherwise. */
  private void faiss(Dataset dataset, int[] fixedChosen, double[] targets) {
    if (k != FaissTargets.K) {
      notes.add("faiss-ivf-flat: skipped, its peer measures recall@10 only and k = " + k);
      return;
    }
    progress("running the faiss peer ...");
    FaissTargets faiss = FaissTargets.run(dataset, index.nlist(),
        FaissTargets.candidates(finder.fixedNprobesVisited(), fixedChosen, index.nlist()), targets);
    if (!faiss.available()) {
      notes.add("faiss-ivf-flat: skipped, Faiss is not installed; " + faiss.message());
      return;
    }
    rows.addAll(faiss.rows());
    if (!faiss.unreached().isEmpty()) {
      notes.add("faiss-ivf-flat: no candidate nprobe reached target(s) " + faiss.unreached());
    }
    notes.add("faiss-ivf-flat: smallest single nprobe with mean recall@10 ≥ target among " + faiss.candidates()
        + "; recall p10 unknown (the peer reports the mean only)");
  }

  /**
   * The same partitioning with 8-bit codes kept beside the rows ({@code IvfParams.quantizedScan}): restored from the
   * index's centroids, assignment and APS calibration, so it scans the same partitions and only the first pass differs.
   */
  private static IvfIndex quantizedTwin(IvfIndex index, Dataset dataset) {
    long[] ids = new long[dataset.baseCount()];
    int[] assignment = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
      assignment[i] = index.partitionOf(i);
    }
    IvfIndex twin = IvfIndex.restore(dataset.base(), ids, assignment, index.params().withQuantizedScan(true),
        index.centroids(), index.modelDimensionsByK(), index.partitionIds());
    progress("8-bit twin restored in %.1f s: %,d bytes against %,d", twin.buildStats().totalSeconds(),
        twin.memoryBytes(), index.memoryBytes());
    return twin;
  }

  private static IvfIndex build(Dataset dataset, int nlist, long seed) {
    long[] ids = new long[dataset.baseCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    progress("building quiver-ivf ...");
    IvfIndex index = IvfIndex.build(dataset.base(), ids, IvfParams.of(dataset.dim(), dataset.metric(), nlist, seed));
    progress("built in %.1f s; APS model dimensions, k = 10: %s; k = 100: %s", index.buildStats().totalSeconds(),
        index.apsModelDimensions(10), index.apsModelDimensions(100));
    return index;
  }

  /** Parses {@code --targets}: comma-separated recall targets in (0, 1]. */
  static double[] targets(String value) {
    if (value == null) {
      return DEFAULT_TARGETS.clone();
    }
    String[] parts = value.split(",");
    double[] result = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        result[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bench aps: --targets expects numbers in (0, 1], got '" + parts[i] + "'",
            e);
      }
      if (!(result[i] > 0 && result[i] <= 1)) {
        throw new IllegalArgumentException("bench aps: --targets values must be in (0, 1], got " + result[i]);
      }
    }
    return result;
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench aps %6.1f s] " + format + "%n",
        prepend((System.nanoTime() - STARTED) / 1e9, args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
