package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Materialises a {@code gen:N:D[:seed]} dataset under the data root as {@code gen-N-D-seed/}: base vectors and
 * queries from {@link ClusteredGenerator} (default parameters), L2 metric, exact ground truth.
 *
 * <p>Memory: the base is one float array of {@code N × D × 4} bytes (5.1 GB for 10M × 128), so the JVM needs a heap
 * of about 1.3 times that ({@code -Xmx8g} for 10M × 128).
 */
public final class GeneratedDatasetPreparer {

  private GeneratedDatasetPreparer() {}

  /** Directory of {@code spec} under {@code dataRoot}. */
  public static Path directory(DatasetSpec.Generated spec, Path dataRoot) {
    return dataRoot.resolve(spec.directoryName());
  }

  /** Whether {@code spec} is already materialised under {@code dataRoot} with at least {@code queries} queries. */
  public static boolean isPrepared(DatasetSpec.Generated spec, Path dataRoot, int queries) throws IOException {
    Path info = DatasetFiles.standard(directory(spec, dataRoot)).info();
    if (!Files.isRegularFile(info)) {
      return false;
    }
    DatasetInfo existing = DatasetInfo.read(info);
    return existing.baseCount() == spec.count() && existing.dim() == spec.dim() && existing.queryCount() >= queries;
  }

  /** Generates and writes {@code spec} with {@code queries} queries, replacing any earlier copy; returns it. */
  public static Dataset prepare(DatasetSpec.Generated spec, Path dataRoot, int queries, ProgressReporter progress)
      throws IOException {
    if (queries < 1) {
      throw new IllegalArgumentException("queries: must be at least 1, was " + queries);
    }
    GeneratorParams params = spec.params();
    ClusteredGenerator generator = new ClusteredGenerator(params);
    ProgressReporter generating = progress.forTask("generating " + spec.directoryName(), spec.count());
    FloatRows base = generator.base(generating);
    generating.finish();
    FloatRows queryRows = generator.queries(queries, Runtime.getRuntime().availableProcessors());
    String source = String.format(Locale.ROOT,
        "ClusteredGenerator count=%d dim=%d clusters=%d seed=%d skew=%s anisotropy=%s spread=%s", params.count(),
        params.dim(), params.clusters(), params.seed(), params.skew(), params.anisotropy(), params.spread());
    return DatasetWriter.write(directory(spec, dataRoot), spec.directoryName(), Metric.L2, base, queryRows, source,
        progress);
  }
}
