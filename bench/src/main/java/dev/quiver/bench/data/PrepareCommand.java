package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code quiver bench prepare} command: materialises a dataset under the data root so that benchmarks and peers
 * can load it.
 *
 * <pre>
 * quiver bench prepare DATASET [--data-dir DIR] [--queries N] [--source DIR] [--threads N] [--metric M] [--force]
 *
 *   DATASET      fmnist | wordnet-minilm | gen:N:D[:seed] | PATH.fvecs
 *   --data-dir   data root (default: $QUIVER_DATA_DIR, else &lt;project root&gt;/data)
 *   --queries    queries to generate (gen, default 10000) or hold out (wordnet-minilm, default 10000)
 *   --source     directory of the Debian package files (default /usr/share/datasets/fashion-mnist
 *                for fmnist, /usr/share/wordnet for wordnet-minilm)
 *   --threads    embedding threads for wordnet-minilm (default: all cores)
 *   --metric     l2 | ip | cosine, for a PATH.fvecs dataset (default l2)
 *   --force      prepare again even if the dataset is already there
 * </pre>
 *
 * <p>Examples: {@code ./quiver bench prepare fmnist}, {@code ./quiver bench prepare wordnet-minilm},
 * {@code ./quiver bench prepare gen:1000000:128 --queries 1000}, {@code ./quiver bench prepare
 * /data/sift/sift_base.fvecs} (computes and caches {@code sift_groundtruth.ivecs} if missing or stale).
 *
 * <p>Progress goes to standard error; the one-line summary of the prepared dataset to standard output. Exit codes:
 * 0 done (or already prepared), 1 the preparation failed (I/O, missing package), 2 bad arguments.
 */
public final class PrepareCommand {

  /** Exit code of a successful run. */
  public static final int OK = 0;
  /** Exit code when preparation failed. */
  public static final int FAILED = 1;
  /** Exit code for bad arguments. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT = """
      usage: quiver bench prepare DATASET [--data-dir DIR] [--queries N] [--source DIR] [--threads N] \
      [--metric M] [--force]
        DATASET      fmnist | wordnet-minilm | gen:N:D[:seed] (e.g. gen:1000000:128) | PATH.fvecs
        --data-dir   data root (default: $QUIVER_DATA_DIR, else <project root>/data)
        --queries    queries to generate (gen) or hold out (wordnet-minilm); default 10000
        --source     directory of the Debian package files (fmnist: /usr/share/datasets/fashion-mnist,
                     wordnet-minilm: /usr/share/wordnet)
        --threads    embedding threads for wordnet-minilm (default: all cores)
        --metric     l2 | ip | cosine, for a PATH.fvecs dataset (default l2)
        --force      prepare again even if the dataset is already prepared
      needs: sudo apt-get install dataset-fashion-mnist wordnet-base""";

  private PrepareCommand() {}

  /** Standalone entry without the launcher: {@code java … dev.quiver.bench.data.PrepareCommand fmnist}. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command with {@code args} (everything after {@code prepare}); returns the exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  /** Runs the command writing the summary to {@code out} and progress and errors to {@code err}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("quiver bench prepare: " + e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    if (parsed.help()) {
      out.println(USAGE_TEXT);
      return OK;
    }
    long start = System.nanoTime();
    try {
      Dataset dataset = prepare(parsed, err);
      if (dataset == null) {
        out.println("already prepared: " + parsed.spec().directoryName() + " in " + parsed.dataRoot()
            + " (use --force to prepare again)");
      } else {
        out.printf(Locale.ROOT, "prepared %s: %,d base, %,d queries, dim %d, %s, ground truth @%d, in %s (%.1f s)%n",
            dataset.name(), dataset.baseCount(), dataset.queryCount(), dataset.dim(), dataset.metric(),
            dataset.groundTruthDepth(), dataset.directory(), (System.nanoTime() - start) / 1e9);
      }
      return OK;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      err.println("quiver bench prepare: " + e.getMessage());
      return FAILED;
    } catch (IllegalArgumentException e) {
      err.println("quiver bench prepare: " + e.getMessage());
      return USAGE;
    }
  }

  /** Prepares the dataset; returns null when it was already prepared and {@code --force} was not given. */
  private static Dataset prepare(Arguments a, PrintStream err) throws IOException {
    ProgressReporter progress = ProgressReporter.every5s("prepare", 1, err);
    return switch (a.spec()) {
      case DatasetSpec.Known known -> {
        Path info = DatasetFiles.standard(a.dataRoot().resolve(known.directoryName())).info();
        if (!a.force() && Files.isRegularFile(info)) {
          int layout = DatasetInfo.read(info).layout();
          if (layout >= known.dataset().layout()) {
            yield null;
          }
          err.println("quiver bench prepare: " + known.directoryName() + " was prepared with layout " + layout
              + " (" + known.dataset().staleLayout() + "); preparing it again with layout "
              + known.dataset().layout());
        }
        yield switch (known.dataset()) {
          case FMNIST -> {
            if (a.queries() != 0) {
              throw new IllegalArgumentException("--queries: fmnist always uses the 10,000 test images as queries");
            }
            yield FashionMnistPreparer.prepare(a.source() != null ? a.source() : FashionMnistPreparer.DEFAULT_SOURCE,
                a.dataRoot(), progress);
          }
          case WORDNET_MINILM -> {
            Path source = a.source() != null ? a.source() : WordNetDatabase.DEFAULT_SOURCE;
            int queries = a.queries() != 0 ? a.queries() : WordNetMiniLmPreparer.QUERY_COUNT;
            try (MiniLmEmbedder embedder = new MiniLmEmbedder(a.threads())) {
              yield WordNetMiniLmPreparer.prepare(source, a.dataRoot(), embedder, queries, progress);
            }
          }
        };
      }
      case DatasetSpec.Generated generated -> {
        int queries = a.queries() != 0 ? a.queries() : LoadOptions.DEFAULT_GENERATED_QUERIES;
        if (!a.force() && GeneratedDatasetPreparer.isPrepared(generated, a.dataRoot(), queries)) {
          yield null;
        }
        yield GeneratedDatasetPreparer.prepare(generated, a.dataRoot(), queries, progress);
      }
      case DatasetSpec.VectorFile file -> DatasetLoader.load(file, a.dataRoot(),
          LoadOptions.DEFAULT.withMetric(a.metric()).withProgress(progress));
    };
  }

  /**
   * Parsed command-line arguments.
   *
   * @param spec the dataset
   * @param dataRoot data root, resolved with {@link DataDirectory}
   * @param queries {@code --queries}, or 0 for the dataset's default
   * @param source {@code --source}, or null for the Debian package location
   * @param threads embedding threads
   * @param metric {@code --metric}, or null for the dataset's own
   * @param force whether to prepare again when already prepared
   * @param help whether {@code -h}/{@code --help} was given
   */
  record Arguments(DatasetSpec spec, Path dataRoot, int queries, Path source, int threads, Metric metric,
      boolean force, boolean help) {

    static Arguments parse(String[] args) {
      String spec = null;
      String dataDir = null;
      int queries = 0;
      Path source = null;
      int threads = Runtime.getRuntime().availableProcessors();
      Metric metric = null;
      boolean force = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h", "--help" -> {
            return new Arguments(null, null, 0, null, threads, null, false, true);
          }
          case "--data-dir" -> dataDir = value(args, ++i, arg);
          case "--queries" -> queries = positive(value(args, ++i, arg), arg);
          case "--source" -> source = Path.of(value(args, ++i, arg));
          case "--threads" -> threads = positive(value(args, ++i, arg), arg);
          case "--metric" -> metric = Metric.parse(value(args, ++i, arg));
          case "--force" -> force = true;
          default -> {
            if (arg.startsWith("-")) {
              throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (spec != null) {
              throw new IllegalArgumentException("one dataset at a time: got '" + spec + "' and '" + arg + "'");
            }
            spec = arg;
          }
        }
      }
      if (spec == null) {
        throw new IllegalArgumentException("no dataset given; use " + DatasetSpec.SYNTAX);
      }
      DatasetSpec parsed = DatasetSpec.parse(spec);
      if (metric != null && !(parsed instanceof DatasetSpec.VectorFile)) {
        throw new IllegalArgumentException("--metric: applies only to a PATH.fvecs dataset; " + spec
            + " has a fixed metric");
      }
      return new Arguments(parsed, DataDirectory.resolve(dataDir), queries, source, threads, metric, force, false);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + ": needs a value");
      }
      return args[i];
    }

    private static int positive(String text, String option) {
      try {
        int v = Integer.parseInt(text.replace("_", ""));
        if (v >= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below with the option name
      }
      throw new IllegalArgumentException(option + ": must be a positive integer, was '" + text + "'");
    }
  }
}
