package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Loads a dataset by spec ({@link DatasetSpec}: {@code fmnist}, {@code wordnet-minilm}, {@code gen:N:D[:seed]} or a
 * path to an {@code .fvecs} file) into memory, with exact ground truth.
 *
 * <ul>
 *   <li>Known datasets must have been prepared ({@code ./quiver bench prepare NAME}); otherwise a
 *       {@link DatasetNotPreparedException} gives the exact command.
 *   <li>Generated datasets are materialised under the data root on first use (vectors are written because peers
 *       read the files), and read back from there afterwards.
 *   <li>A dataset given as a path is read in place; missing or stale ground truth is computed on all cores and
 *       cached beside it (see {@link DatasetFiles#besideBase}).
 * </ul>
 *
 * <p>The data root is always a parameter: command-line callers choose it with {@link DataDirectory}.
 */
public final class DatasetLoader {

  private DatasetLoader() {}

  /** Loads {@code spec} with {@link LoadOptions#DEFAULT}. */
  public static Dataset load(String spec, Path dataRoot) throws IOException {
    return load(DatasetSpec.parse(spec), dataRoot, LoadOptions.DEFAULT);
  }

  /** Loads {@code spec} with at most {@code maxQueries} queries (0 = all). */
  public static Dataset load(String spec, Path dataRoot, int maxQueries) throws IOException {
    return load(DatasetSpec.parse(spec), dataRoot, LoadOptions.DEFAULT.withMaxQueries(maxQueries));
  }

  /**
   * Loads a dataset.
   *
   * @throws IllegalArgumentException if the spec does not parse
   * @throws DatasetNotPreparedException if a known dataset has not been prepared under {@code dataRoot}
   * @throws IOException if a file is missing or malformed (the message names it)
   */
  public static Dataset load(DatasetSpec spec, Path dataRoot, LoadOptions options) throws IOException {
    return switch (spec) {
      case DatasetSpec.Known known -> {
        Path directory = dataRoot.resolve(known.directoryName());
        if (!Files.isRegularFile(DatasetFiles.standard(directory).info())) {
          throw new DatasetNotPreparedException(known.dataset(), directory,
              prepareCommand(known.directoryName(), dataRoot));
        }
        int layout = DatasetInfo.read(DatasetFiles.standard(directory).info()).layout();
        if (layout < known.dataset().layout()) {
          throw new DatasetNotPreparedException(known.dataset(), directory, layout,
              prepareCommand(known.directoryName() + " --force", dataRoot));
        }
        yield loadFiles(DatasetFiles.standard(directory), options);
      }
      case DatasetSpec.Generated generated -> {
        if (!GeneratedDatasetPreparer.isPrepared(generated, dataRoot, 1)) {
          GeneratedDatasetPreparer.prepare(generated, dataRoot, options.generatedQueries(), options.progress());
        }
        yield loadFiles(DatasetFiles.standard(GeneratedDatasetPreparer.directory(generated, dataRoot)), options);
      }
      case DatasetSpec.VectorFile file -> {
        yield loadFiles(DatasetFiles.besideBase(file.base()), file.directoryName(), options);
      }
    };
  }

  /** The command that prepares dataset {@code specName} (with any options after it) under {@code dataRoot}. */
  public static String prepareCommand(String specName, Path dataRoot) {
    return "./quiver bench prepare " + specName + " --data-dir " + dataRoot.toAbsolutePath().normalize();
  }

  private static Dataset loadFiles(DatasetFiles files, LoadOptions options) throws IOException {
    return loadFiles(files, null, options);
  }

  /**
   * Reads base, queries and ground truth of {@code files}; {@code fallbackName} names a dataset that has no
   * {@code dataset.properties}.
   */
  private static Dataset loadFiles(DatasetFiles files, String fallbackName, LoadOptions options) throws IOException {
    requireFile(files.base(), "base vectors");
    requireFile(files.query(), "query vectors");
    DatasetInfo info = Files.isRegularFile(files.info()) ? DatasetInfo.read(files.info()) : null;
    Metric stored = info != null ? info.metric() : Metric.L2;
    Metric metric = options.metric() != null ? options.metric() : stored;
    // Vectors on disk are unit length only if the dataset was prepared for cosine; otherwise normalise in memory.
    boolean normalise = metric.normalizes() && !stored.normalizes();
    DatasetFiles effective = metric == stored ? files : files.withGroundTruth(files.groundTruth().resolveSibling(
        files.groundTruth().getFileName().toString().replace(".ivecs",
            "-" + metric.name().toLowerCase(Locale.ROOT) + ".ivecs")));
    String name = info != null ? info.name() : fallbackName;
    int limit = options.maxQueries() == 0 ? Integer.MAX_VALUE : options.maxQueries();

    FloatRows base = VecFiles.readFloatRows(effective.base(), Integer.MAX_VALUE);
    if (normalise) {
      DatasetWriter.normalizeRows(base);
    }
    int depth = Math.min(GroundTruth.DEFAULT_K, base.count());
    FloatRows queries = null;
    IntRows truth = null;
    if (GroundTruth.isFresh(effective.groundTruth(), effective.base(), effective.query())) {
      queries = VecFiles.readFloatRows(effective.query(), limit);
      IntRows cached = VecFiles.readIvecs(effective.groundTruth(), limit);
      if (cached.count() >= queries.count() && cached.dim() >= depth) {
        truth = cached;
      }
    }
    if (truth == null) {
      // Missing, stale or too shallow: compute for every query in the file so the cache serves any later limit.
      queries = VecFiles.readFloatRows(effective.query(), Integer.MAX_VALUE);
      checkDims(effective, base, queries);
      if (normalise) {
        DatasetWriter.normalizeRows(queries);
      }
      ProgressReporter progress = options.progress().forTask("ground truth " + name, Math.max(1, queries.count()));
      truth = GroundTruth.compute(base, queries, metric, GroundTruth.DEFAULT_K, progress);
      progress.finish();
      VecFiles.writeIvecs(effective.groundTruth(), truth.values(), truth.count(), truth.dim());
    } else if (normalise) {
      DatasetWriter.normalizeRows(queries);
    }
    checkDims(effective, base, queries);
    int queryCount = Math.min(queries.count(), limit);
    float[] queryValues = queryCount == queries.count() ? queries.values()
        : Arrays.copyOf(queries.values(), queryCount * queries.dim());
    int[] truthValues = Arrays.copyOf(truth.values(), queryCount * truth.dim());
    return new Dataset(name, metric, base.dim(), base.values(), base.count(), queryValues, queryCount, truthValues,
        effective);
  }

  private static void checkDims(DatasetFiles files, FloatRows base, FloatRows queries) throws IOException {
    if (base.dim() != queries.dim()) {
      throw new IOException(files.query() + ": queries have dimension " + queries.dim() + ", but the base "
          + files.base() + " has " + base.dim());
    }
  }

  private static void requireFile(Path file, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "no " + what + " file at this path");
    }
  }
}
