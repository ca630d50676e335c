package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Materialises a dataset in the standard layout: {@code base.fvecs}, {@code query.fvecs}, exact
 * {@code groundtruth.ivecs}, then {@code dataset.properties} last as the mark of a complete directory.
 *
 * <p>Every dataset is written to disk, generated ones included, because peers (Faiss) read the files rather than
 * Quiver's memory. The old {@code dataset.properties} is deleted first, so an interrupted preparation leaves a
 * directory the loader refuses rather than a mix of old and new files.
 */
public final class DatasetWriter {

  private DatasetWriter() {}

  /**
   * Writes the dataset into {@code directory} (created if absent) and returns it loaded.
   *
   * <p>For {@code COSINE} the rows of {@code base} and {@code queries} are normalised in place first: cosine
   * datasets are stored as unit vectors.
   *
   * @param source free text saying where the vectors came from, stored in {@code dataset.properties}
   * @param progress receives ground-truth progress (queries done)
   */
  public static Dataset write(Path directory, String name, Metric metric, FloatRows base, FloatRows queries,
      String source, ProgressReporter progress) throws IOException {
    return write(directory, name, metric, base, queries, source, 1, progress);
  }

  /** {@link #write(Path, String, Metric, FloatRows, FloatRows, String, ProgressReporter)} of layout {@code layout}. */
  public static Dataset write(Path directory, String name, Metric metric, FloatRows base, FloatRows queries,
      String source, int layout, ProgressReporter progress) throws IOException {
    if (base.dim() != queries.dim()) {
      throw new IllegalArgumentException("dimensions differ: base has " + base.dim() + ", queries have "
          + queries.dim());
    }
    if (metric.normalizes()) {
      normalizeRows(base);
      normalizeRows(queries);
    }
    Files.createDirectories(directory);
    DatasetFiles files = DatasetFiles.standard(directory);
    Files.deleteIfExists(files.info());
    VecFiles.writeFvecs(files.base(), base);
    VecFiles.writeFvecs(files.query(), queries);
    ProgressReporter truthProgress = progress.forTask("ground truth " + name, Math.max(1, queries.count()));
    IntRows truth = GroundTruth.compute(base, queries, metric, GroundTruth.DEFAULT_K, truthProgress);
    truthProgress.finish();
    VecFiles.writeIvecs(files.groundTruth(), truth.values(), truth.count(), truth.dim());
    new DatasetInfo(name, metric, base.dim(), base.count(), queries.count(), source, layout).write(files.info());
    return new Dataset(name, metric, base.dim(), base.values(), base.count(), queries.values(), queries.count(),
        truth.values(), files);
  }

  /** Scales every row of {@code rows} to unit length; a zero row is an error naming it. */
  static void normalizeRows(FloatRows rows) {
    for (int r = 0; r < rows.count(); r++) {
      try {
        VectorKernels.normalizeInPlace(rows.values(), r * rows.dim(), rows.dim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("row " + r + ": " + e.getMessage(), e);
      }
    }
  }
}
