package dev.quiver.bench;

import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.replay.RecordedWorkload;
import dev.quiver.bench.replay.ReplayMethods;
import dev.quiver.bench.replay.ReplayReport;
import dev.quiver.bench.replay.ReplayResult;
import dev.quiver.bench.replay.ReplaySettings;
import dev.quiver.bench.replay.WorkloadComparison;
import dev.quiver.bench.workload.QuerySource;
import dev.quiver.bench.workload.WorkloadGenerator;
import dev.quiver.bench.workload.WorkloadParams;
import dev.quiver.index.kernel.VectorKernels;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code quiver bench workload}: the maintenance policies (ALGORITHMS.md §3) under a generated stream of inserts,
 * deletes and searches (§4, Ada-IVF §5.1.2), against each other and against Lucene HNSW ingesting the same stream.
 *
 * <p>The workload is generated once from the dataset and the generator options (the same seed gives the same
 * stream) and recorded, so every method replays identical operations. Each method gets a fresh index built from the
 * initial set (the build is timed apart, outside the total) and replays the stream as {@code WorkloadReplayer}
 * describes: every update batch applied one vector at a time, then one synchronous maintenance pass, then the batch's
 * queries one at a time on one thread with APS at the recall target. The methods replay interleaved, each operation
 * applied to every method in a rotating order, so that the load of a shared machine falls on all of them alike
 * ({@code --sequential} runs them one after another in the order of {@code --policy}, holding one index at a time);
 * an untimed JIT warm-up on a throwaway index comes first (see {@link WorkloadComparison}).
 *
 * <p>Every policy shares one target partition size: the initial index gets nlist = round(s0 / {@code --target-size})
 * partitions, at least 16 (so that a small initial set still has partitions to split and neighbours to merge into),
 * and no policy is given a {@code target_size}, so each takes the build's mean partition size; with the cap in
 * force that mean is below {@code --target-size}, and the header says so. {@code --delta N} gives every IVF index a
 * delta store of N vectors.
 */
public final class WorkloadBenchmark {

  /**
   * Update batches when {@code --steps} is not given: as many as the dataset allows (the generator's default). On
   * Fashion-MNIST with the other defaults (s0 = 6,000, su = 10,000, insert only) that is 5 batches, and all seven
   * methods finish in a few minutes on 2 cores (bench/RESULTS.md).
   */
  static final int DEFAULT_STEPS = 0;

  private static final Set<String> VALUED = Set.of("dataset", "data-dir", "policy", "policy-option", "delta",
      "target-size", "min-partitions", "recall", "warmup", "s0", "su", "rid", "rrw", "csf-u", "csf-q",
      "query-clusters", "clusters", "steps", "k", "seed", "queries-from", "repeat");
  /** Start of this command, for the elapsed time on progress lines. */
  private static final long STARTED = System.nanoTime();

  private WorkloadBenchmark() {}

  /**
   * The command line, checked before any data is loaded.
   *
   * @param s0 {@code --s0}: a fraction of the dataset when ≤ 1, else a number of vectors (resolved once the dataset
   *     is loaded)
   * @param repeats {@code --repeat}: replays of the stream, each on fresh indexes, whose times are combined by their
   *     medians ({@link ReplayResult#median}); at least 1
   */
  record Invocation(String dataset, Path dataRoot, ReplayMethods methods, ReplaySettings settings,
      WorkloadParams params, double s0, boolean json, int repeats) {

    /** The workload parameters for a dataset of {@code rows} vectors (s0 as a fraction). */
    WorkloadParams paramsFor(int rows) {
      double fraction = s0 <= 1 ? s0 : s0 / rows;
      if (fraction > 1) {
        throw new IllegalArgumentException("bench workload: --s0 " + (long) s0 + " exceeds the dataset's " + rows
            + " vectors");
      }
      return params.withInitialFraction(fraction);
    }
  }

  /** Runs the benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    Invocation invocation = parse(args);
    Dataset dataset = IvfBenchmark.load(invocation.dataset(), invocation.dataRoot(), 0);
    WorkloadParams params = invocation.paramsFor(dataset.baseCount());
    FloatRows base = new FloatRows(dataset.base(), dataset.baseCount(), dataset.dim());
    FloatRows queries = new FloatRows(dataset.queries(), dataset.queryCount(), dataset.dim());
    progress("dataset %s: %,d × %d (%s), %,d queries; kernels %s; generating the workload ...", dataset.name(),
        dataset.baseCount(), dataset.dim(), dataset.metric(), dataset.queryCount(),
        VectorKernels.implementationName());
    long start = System.nanoTime();
    WorkloadGenerator generator = new WorkloadGenerator(base, queries, dataset.metric(), params);
    RecordedWorkload workload = RecordedWorkload.record(generator, dataset.metric(), dataset.dim());
    double generateSeconds = (System.nanoTime() - start) / 1e9;
    progress("workload: %d steps, %,d inserted, %,d deleted, %,d queries, generated with ground truth in %.1f s",
        workload.steps(), workload.insertedVectors(), workload.deletedVectors(), workload.queries(),
        generateSeconds);

    List<List<ReplayResult>> replays = new ArrayList<>();
    for (int r = 0; r < invocation.repeats(); r++) {
      if (invocation.repeats() > 1) {
        progress("replay %d of %d", r + 1, invocation.repeats());
      }
      replays.add(WorkloadComparison.run(workload, invocation.methods(), invocation.settings(), params.k(),
          line -> progress("%s", line)));
    }
    List<ReplayResult> results = new ArrayList<>();
    for (int m = 0; m < replays.get(0).size(); m++) {
      int method = m;
      results.add(ReplayResult.median(replays.stream().map(run -> run.get(method)).toList()));
    }
    List<String> notes = new ArrayList<>();
    for (ReplayResult r : results) {
      if (r.vectorsFinal() != workload.residentAfter()) {
        notes.add(String.format(Locale.ROOT, "WARNING: %s ended with %,d vectors, the stream leaves %,d resident",
            r.method(), r.vectorsFinal(), workload.residentAfter()));
      }
      if (r.failedPasses() > 0) {
        notes.add(String.format(Locale.ROOT, "WARNING: %s: %d of %d maintenance passes failed (the rest of each such "
            + "pass skipped, its committed changes kept, its actions not counted); first: %s", r.method(),
            r.failedPasses(), r.maintenancePasses(), r.firstFailure()));
      }
    }
    report(dataset, params, invocation, workload, generateSeconds, results, notes).print(out, System.err,
        invocation.json());
    progress("done");
    return 0;
  }

  /**
   * Parses and checks the command line.
   *
   * @throws IllegalArgumentException naming the offending option
   */
  static Invocation parse(String[] args) {
    CommandOptions options = CommandOptions.parse("bench workload", args, VALUED, Set.of("json", "sequential"));
    ReplayMethods methods;
    try {
      methods = ReplayMethods.parse(options.getList("policy", ReplayMethods.ALL), options.getAll("policy-option"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bench workload: " + e.getMessage(), e);
    }
    WorkloadParams params = WorkloadParams.defaults().withSteps(DEFAULT_STEPS);
    params = set(options, "su", params, WorkloadBenchmark::integer, WorkloadParams::withUpdateSize);
    params = set(options, "rid", params, WorkloadBenchmark::number, WorkloadParams::withInsertDeleteRatio);
    params = set(options, "rrw", params, WorkloadBenchmark::number, WorkloadParams::withReadWriteRatio);
    params = set(options, "csf-u", params, WorkloadBenchmark::number,
        WorkloadParams::withUpdateClusterSampleFraction);
    params = set(options, "clusters", params, WorkloadBenchmark::integer, WorkloadParams::withClusters);
    params = set(options, "steps", params, WorkloadBenchmark::integer, WorkloadParams::withSteps);
    params = set(options, "k", params, WorkloadBenchmark::integer, WorkloadParams::withK);
    params = set(options, "seed", params, WorkloadBenchmark::wholeNumber, WorkloadParams::withSeed);
    params = querySource(options, params);
    double s0 = number("s0", options.get("s0", Double.toString(WorkloadParams.DEFAULT_INITIAL_FRACTION)));
    if (!(s0 > 0) || (s0 > 1 && s0 != Math.rint(s0))) {
      throw new IllegalArgumentException("bench workload: --s0 must be a fraction in (0, 1] or a whole number of "
          + "vectors, got " + options.get("s0", ""));
    }
    ReplaySettings settings = ReplaySettings.defaults(params.seed());
    settings = set(options, "target-size", settings, WorkloadBenchmark::integer, ReplaySettings::withTargetSize);
    settings = set(options, "min-partitions", settings, WorkloadBenchmark::integer,
        ReplaySettings::withMinInitialPartitions);
    settings = set(options, "delta", settings, WorkloadBenchmark::integer, ReplaySettings::withDeltaCapacity);
    settings = set(options, "recall", settings, WorkloadBenchmark::number, ReplaySettings::withRecallTarget);
    settings = set(options, "warmup", settings, WorkloadBenchmark::integer, ReplaySettings::withWarmUpSearches);
    settings = settings.withInterleaved(!options.flag("sequential"));
    int repeats = options.has("repeat") ? integer("repeat", options.get("repeat", null)) : 1;
    if (repeats < 1) {
      throw new IllegalArgumentException("bench workload: --repeat must be at least 1 (replays of the stream), got "
          + repeats);
    }
    return new Invocation(options.require("dataset"), IvfBenchmark.dataRoot(options), methods, settings, params, s0,
        options.flag("json"), repeats);
  }

  /**
   * {@code --queries-from dataset|clusters}, and {@code --csf-q} and {@code --query-clusters}, which imply
   * {@code clusters}.
   */
  private static WorkloadParams querySource(CommandOptions options, WorkloadParams params) {
    boolean sampled = options.has("csf-q") || options.has("query-clusters");
    String from = options.get("queries-from", sampled ? "clusters" : "dataset").toLowerCase(Locale.ROOT);
    QuerySource source = switch (from) {
      case "dataset" -> QuerySource.DATASET;
      case "clusters" -> QuerySource.CLUSTER_SAMPLED;
      default -> throw new IllegalArgumentException("bench workload: --queries-from must be dataset or clusters, got '"
          + from + "'");
    };
    if (source == QuerySource.DATASET && sampled) {
      throw new IllegalArgumentException("bench workload: --csf-q and --query-clusters apply to queries sampled from "
          + "the clusters; drop them or use --queries-from clusters");
    }
    WorkloadParams withSource = params.withQuerySource(source);
    withSource = set(options, "query-clusters", withSource, WorkloadBenchmark::integer,
        WorkloadParams::withQueryClusters);
    return set(options, "csf-q", withSource, WorkloadBenchmark::number, WorkloadParams::withClusterSampledQueries);
  }

  /** Where cluster-sampled queries come from, for the report's workload line. */
  private static String queriedClusters(WorkloadParams params) {
    int hot = params.queryClusters();
    return hot == 0 ? "the clusters" : "the same " + hot + (hot == 1 ? " cluster" : " clusters") + " throughout";
  }

  /**
   * Sets one parameter of {@code current} (workload parameters or replay settings) from option {@code name} when it
   * was given: {@code parse} reads the text, {@code setter} validates the value; either failure names the option.
   */
  private static <P, T> P set(CommandOptions options, String name, P current, BiFunction<String, String, T> parse,
      BiFunction<P, T, P> setter) {
    if (!options.has(name)) {
      return current;
    }
    T value = parse.apply(name, options.get(name, null));
    try {
      return setter.apply(current, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bench workload: --" + name + ": " + e.getMessage(), e);
    }
  }

  /** A number; {@code inf}, {@code infinity} and {@code ∞} are +∞ (for {@code --rid}: insert only). */
  private static double number(String name, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("inf") || t.equals("infinity") || t.equals("∞")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bench workload: --" + name + " expects a number, got '" + text + "'", e);
    }
  }

  private static long wholeNumber(String name, String text) {
    try {
      return Long.parseLong(text.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bench workload: --" + name + " expects an integer, got '" + text + "'", e);
    }
  }

  private static int integer(String name, String text) {
    try {
      return Integer.parseInt(text.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bench workload: --" + name + " expects an integer, got '" + text + "'", e);
    }
  }

  private static ReplayReport report(Dataset dataset, WorkloadParams params, Invocation invocation,
      RecordedWorkload workload, double generateSeconds, List<ReplayResult> results, List<String> notes) {
    ReplaySettings settings = invocation.settings();
    int s0 = workload.initial().count();
    int nlist = settings.initialNlist(s0);
    long target = Math.round((double) s0 / nlist);
    int cores = Runtime.getRuntime().availableProcessors();
    String title = String.format(Locale.ROOT, "%s: %,d × %d (%s), %d update batches of %,d, %d cores, %s",
        dataset.name(), dataset.baseCount(), dataset.dim(), dataset.metric(), workload.steps(), params.updateSize(),
        cores, LocalDate.now());
    List<String> header = new ArrayList<>();
    header.add(String.format(Locale.ROOT, "Workload: s0 = %,d (%.3g of the dataset), su = %,d, steps = %d, r_id = %s,"
        + " r_rw = %s (%s queries per batch), CSF_u = %s, queries from %s, %d locality clusters, k = %d, seed %d.",
        s0, params.initialFraction(), params.updateSize(), workload.steps(), plain(params.insertDeleteRatio()),
        plain(params.readWriteRatio()), formatCount(params.updateSize() * params.readWriteRatio()),
        plain(params.updateClusterSampleFraction()), params.querySource() == QuerySource.DATASET
            ? "the dataset (CSF_q n/a)" : queriedClusters(params) + " with CSF_q = "
                + plain(params.queryClusterSampleFraction()),
        params.clusters(), params.k(), params.seed()));
    header.add(String.format(Locale.ROOT, "Stream: %,d inserted, %,d deleted, %,d queries, %,d resident at the end; "
        + "generated once with its ground truth in %.1f s and replayed identically for every method.",
        workload.insertedVectors(), workload.deletedVectors(), workload.queries(), workload.residentAfter(),
        generateSeconds));
    header.add(String.format(Locale.ROOT, "Index: initial nlist %d, so every policy's target partition size is the "
        + "build's mean, %d vectors (--target-size %d%s); APS at recall %.2f, one search thread; delta store %s; "
        + "kernels %s; warm-up %d searches; methods %s.", nlist, target, settings.targetSize(),
        nlist > Math.round((double) s0 / settings.targetSize())
            ? String.format(Locale.ROOT, ": s0 / %d rounds to %d partitions, raised to %d", settings.targetSize(),
                Math.round((double) s0 / settings.targetSize()), nlist) : "",
        settings.recallTarget(), settings.deltaCapacity() == 0 ? "off"
            : String.format(Locale.ROOT, "%,d vectors", settings.deltaCapacity()),
        VectorKernels.implementationName(), settings.warmUpSearches(), settings.interleaved()
            ? "interleaved operation by operation (rotating order)" : "run one after another"));
    header.add("Update throughput = vectors inserted or deleted / (update + maintenance time), maintenance included "
        + "as in the Ada-IVF paper; search QPS = queries / search time (one at a time, one thread); total = update "
        + "+ maintenance + search (the initial build apart). Ratios are to rebuild in this invocation."
        + (invocation.repeats() == 1 ? "" : String.format(Locale.ROOT, " Every time, latency and recall is the median "
            + "of %d replays of the stream, each on fresh indexes; partition and action counts are the first "
            + "replay's.", invocation.repeats())));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("dataset", dataset.name());
    context.put("k", params.k());
    context.put("steps", workload.steps());
    context.put("target_size", target);
    context.put("delta", settings.deltaCapacity());
    context.put("recall_target", settings.recallTarget());
    context.put("cores", cores);
    context.put("repeats", invocation.repeats());
    return new ReplayReport(title, header, results, notes, context);
  }

  private static String plain(double value) {
    return Double.isInfinite(value) ? "inf" : new java.math.BigDecimal(Double.toString(value))
        .stripTrailingZeros().toPlainString();
  }

  private static String formatCount(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static void progress(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = (System.nanoTime() - STARTED) / 1e9;
    System.arraycopy(args, 0, all, 1, args.length);
    System.err.printf(Locale.ROOT, "[bench workload %6.1f s] " + format + "%n", all);
  }
}
