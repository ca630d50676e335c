package dev.quiver.bench;

import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.DataDirectory;
import dev.quiver.bench.data.DatasetNotPreparedException;
import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.data.DatasetLoader;
import dev.quiver.bench.peers.FaissIvfPeer;
import dev.quiver.bench.peers.LuceneHnswPeer;
import dev.quiver.bench.report.BuildMeasurement;
import dev.quiver.bench.report.LatencyStats;
import dev.quiver.bench.report.SearchMeasurement;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.kernel.VectorKernels;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code quiver bench ivf}: builds Quiver's IVF index on a dataset and measures recall@10, single-thread QPS and
 * p50/p99 latency per nprobe, next to Faiss IVF-Flat (same vectors, queries and nlist, same invocation) and Lucene
 * HNSW; then states each method's speed at recall 0.9 and the ratios that bench/RESULTS.md records.
 */
public final class IvfBenchmark {

  static final double TARGET_RECALL = 0.9;
  private static final int[] DEFAULT_NPROBES = {1, 2, 4, 8, 16, 32, 64, 128};
  private static final Set<String> VALUED = Set.of("dataset", "nlist", "nprobe", "k", "queries", "peers",
      "build-threads", "data-dir", "seed", "lucene-m", "lucene-beam", "lucene-ef");

  private IvfBenchmark() {}

  /** Runs the benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    CommandOptions options = CommandOptions.parse("bench ivf", args, VALUED, Set.of("json"));
    boolean json = options.flag("json");
    int k = options.getInt("k", 10);
    Dataset dataset = load(options.require("dataset"), dataRoot(options), options.getInt("queries", 0));
    int nlist = options.getInt("nlist", IvfParams.defaultNlist(dataset.baseCount()));
    int[] nprobes = options.getIntList("nprobe", DEFAULT_NPROBES);
    List<String> peers = options.getList("peers", List.of("faiss", "lucene"));
    progress("dataset %s: %,d × %d (%s), %,d queries; nlist %d; kernels %s", dataset.name(), dataset.baseCount(),
        dataset.dim(), dataset.metric(), dataset.queryCount(), nlist, VectorKernels.implementationName());

    List<BuildMeasurement> buildRows = new ArrayList<>();
    List<SearchMeasurement> rows = new ArrayList<>();

    IvfParams params = IvfParams.of(dataset.dim(), dataset.metric(), nlist, options.getInt("seed", 42));
    int buildThreads = options.getInt("build-threads", 0);
    params = params.withTraining(params.training().withThreads(buildThreads));
    long[] ids = new long[dataset.baseCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    progress("building quiver-ivf ...");
    IvfIndex index = IvfIndex.build(dataset.base(), ids, params);
    double rawBytes = (double) dataset.baseCount() * (dataset.dim() * Float.BYTES + Long.BYTES);
    buildRows.add(new BuildMeasurement("quiver-ivf", nlist, index.buildStats().trainNanos() / 1e9,
        index.buildStats().addNanos() / 1e9, index.buildStats().calibrateNanos() / 1e9, index.buildStats().threads(), index.memoryBytes() / rawBytes));
    float[][] queries = new float[dataset.queryCount()][];
    Arrays.setAll(queries, dataset::query);
    for (int nprobe : nprobes) {
      if (nprobe > nlist) {
        continue;
      }
      rows.add(measure(index, dataset, queries, k, nprobe));
      progress("quiver-ivf nprobe %d: recall %.4f", nprobe, rows.getLast().recallAt10());
    }

    if (peers.contains("faiss")) {
      FaissIvfPeer.Result faiss = FaissIvfPeer.run(dataset.files().base(), dataset.files().query(),
          dataset.files().groundTruth(), dataset.metric(), nlist, nprobes, k, dataset.queryCount());
      if (faiss.available()) {
        buildRows.add(new BuildMeasurement("faiss-ivf-flat", nlist, faiss.build().trainSeconds(),
            faiss.build().addSeconds(), 0, faiss.build().buildThreads(), Double.NaN));
        rows.addAll(faiss.measurements());
      } else {
        progress("faiss peer skipped: %s", faiss.message());
      }
    }
    if (peers.contains("lucene")) {
      LuceneHnswPeer.Result lucene = LuceneHnswPeer.run(dataset.base(), dataset.baseCount(), dataset.dim(),
          dataset.queries(), dataset.queryCount(), dataset.groundTruth(), dataset.metric(),
          options.getInt("lucene-m", 16), options.getInt("lucene-beam", 100),
          options.getIntList("lucene-ef", new int[] {10, 20, 40, 80, 160}), k);
      buildRows.add(new BuildMeasurement("lucene-hnsw", -1, 0, lucene.buildSeconds(), 0, lucene.buildThreads(),
          Double.NaN));
      rows.addAll(lucene.measurements());
    }
    report(out, json, dataset, buildRows, rows);
    return 0;
  }

  static Dataset load(String spec, Path dataRoot, int maxQueries) {
    try {
      return DatasetLoader.load(spec, dataRoot, maxQueries);
    } catch (DatasetNotPreparedException e) {
      throw new UncheckedIOException(e.getMessage(), e); // already names the dataset and the prepare command
    } catch (IOException e) {
      throw new UncheckedIOException("dataset " + spec + ": " + e.getMessage(), e);
    }
  }

  /** The data root: {@code --data-dir}, else {@link DataDirectory#defaultRoot()}, as {@code bench prepare} uses. */
  static Path dataRoot(CommandOptions options) {
    return DataDirectory.resolve(options.get("data-dir", null));
  }

  /** Runs up to 1,000 queries to warm up, then every query once timed, one at a time on this thread. */
  static SearchMeasurement measure(IvfIndex index, Dataset dataset, float[][] queries, int k, int nprobe) {
    int nq = queries.length;
    for (int q = 0; q < Math.min(nq, 1_000); q++) {
      index.search(queries[q], k, nprobe);
    }
    long[] latencies = new long[nq];
    double recallSum = 0;
    long start = System.nanoTime();
    for (int q = 0; q < nq; q++) {
      long t0 = System.nanoTime();
      SearchResult result = index.search(queries[q], k, nprobe);
      latencies[q] = System.nanoTime() - t0;
      recallSum += dataset.recallAtK(q, result.ids(), 10);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new SearchMeasurement("quiver-ivf", index.nlist(), nprobe, "", recallSum / nq, nq / seconds,
        LatencyStats.percentileMs(latencies, 0.5), LatencyStats.percentileMs(latencies, 0.99));
  }

  private static void report(PrintStream out, boolean json, Dataset dataset, List<BuildMeasurement> buildRows,
      List<SearchMeasurement> rows) {
    if (json) {
      buildRows.forEach(b -> out.println(b.toJson(dataset.name())));
      rows.forEach(r -> out.println(r.toJson()));
      return;
    }
    out.printf(Locale.ROOT, "## %s: %,d × %d, %s, %,d queries, k = 10, one search thread, %d cores%n%n",
        dataset.name(), dataset.baseCount(), dataset.dim(), dataset.metric(), dataset.queryCount(),
        Runtime.getRuntime().availableProcessors());
    out.println(BuildMeasurement.MARKDOWN_HEADER);
    buildRows.forEach(b -> out.println(b.toMarkdownRow()));
    out.println();
    out.println(SearchMeasurement.MARKDOWN_HEADER);
    rows.forEach(r -> out.println(r.toMarkdownRow()));
    out.println();
    SearchMeasurement quiver = fastestAtTarget(rows, "quiver-ivf");
    for (String method : new String[] {"quiver-ivf", "faiss-ivf-flat", "lucene-hnsw"}) {
      SearchMeasurement best = fastestAtTarget(rows, method);
      if (best == null) {
        if (rows.stream().anyMatch(r -> r.method().equals(method))) {
          out.printf("%s: no setting reached recall %.2f%n", method, TARGET_RECALL);
        }
        continue;
      }
      String ratio = quiver == null || best == quiver ? ""
          : String.format(Locale.ROOT, "; quiver-ivf / %s QPS = %.2fx", method, quiver.qps() / best.qps());
      String setting = best.nprobe() > 0 ? "nprobe " + best.nprobe() : best.setting();
      out.printf(Locale.ROOT, "%s at recall ≥ %.2f: %.0f QPS (%s, recall %.4f, p50 %.3f ms)%s%n", method,
          TARGET_RECALL, best.qps(), setting, best.recallAt10(), best.latencyP50Ms(), ratio);
    }
    buildRows.stream().filter(b -> b.method().equals("quiver-ivf")).findFirst().ifPresent(b -> out.printf(
        Locale.ROOT, "quiver-ivf also calibrated APS's recall model in %.2f s (total %.2f s before answering)%n",
        b.calibrateSeconds(), b.totalSeconds()));
    double quiverBuild = buildSeconds(buildRows, "quiver-ivf");
    double faissBuild = buildSeconds(buildRows, "faiss-ivf-flat");
    if (!Double.isNaN(faissBuild)) {
      out.printf(Locale.ROOT, "build (train + add): quiver-ivf %.2f s, faiss-ivf-flat %.2f s, ratio %.2fx%n",
          quiverBuild, faissBuild, quiverBuild / faissBuild);
    }
  }

  /** The fastest setting of a method that reaches the target recall, or null. */
  static SearchMeasurement fastestAtTarget(List<SearchMeasurement> rows, String method) {
    SearchMeasurement best = null;
    for (SearchMeasurement r : rows) {
      if (r.method().equals(method) && r.recallAt10() >= TARGET_RECALL && (best == null || r.qps() > best.qps())) {
        best = r;
      }
    }
    return best;
  }

  private static double buildSeconds(List<BuildMeasurement> buildRows, String method) {
    return buildRows.stream().filter(b -> b.method().equals(method)).mapToDouble(BuildMeasurement::buildSeconds)
        .findFirst().orElse(Double.NaN);
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench ivf] " + format + "%n", args);
  }
}
