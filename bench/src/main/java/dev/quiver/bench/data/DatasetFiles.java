package dev.quiver.bench.data;

import java.nio.file.Path;

/**
 * Where the files of one dataset live: base vectors, query vectors and exact ground truth, side by side.
 *
 * <p>Prepared and generated datasets use the {@linkplain #standard standard layout} ({@code base.fvecs},
 * {@code query.fvecs}, {@code groundtruth.ivecs} and {@code dataset.properties} in one directory); a dataset given
 * as a path uses the TEXMEX naming beside its base file ({@code sift_base.fvecs}, {@code sift_query.fvecs},
 * {@code sift_groundtruth.ivecs}). Peers such as Faiss read these files directly.
 *
 * @param directory directory holding the files
 * @param base base vectors, {@code .fvecs} (or {@code .bvecs} for a dataset given as a path)
 * @param query query vectors, same format as the base
 * @param groundTruth exact neighbours of every query, {@code .ivecs}, base row indices nearest first
 */
public record DatasetFiles(Path directory, Path base, Path query, Path groundTruth) {

  /** Base vectors file name in the standard layout. */
  public static final String BASE = "base.fvecs";
  /** Query vectors file name in the standard layout. */
  public static final String QUERY = "query.fvecs";
  /** Ground-truth file name in the standard layout. */
  public static final String GROUND_TRUTH = "groundtruth.ivecs";

  /** The standard layout in {@code directory}. */
  public static DatasetFiles standard(Path directory) {
    return new DatasetFiles(directory, directory.resolve(BASE), directory.resolve(QUERY),
        directory.resolve(GROUND_TRUTH));
  }

  /**
   * The files beside a base file given by path. With {@code P} the file name without its extension and without a
   * trailing {@code base} (so {@code sift_base.fvecs} gives {@code sift_}, {@code base.fvecs} gives the empty
   * string, and any other {@code x.fvecs} gives {@code x_}): queries are {@code P + "query"} with the same extension
   * and ground truth is {@code P + "groundtruth.ivecs"}.
   */
  public static DatasetFiles besideBase(Path baseFile) {
    Path absolute = baseFile.toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    String extension = dot < 0 ? "" : name.substring(dot);
    String prefix = stem.endsWith("base") ? stem.substring(0, stem.length() - "base".length()) : stem + "_";
    Path directory = absolute.getParent();
    return new DatasetFiles(directory, absolute, directory.resolve(prefix + "query" + extension),
        directory.resolve(prefix + "groundtruth.ivecs"));
  }

  /** The same files with the ground truth cached under another name (e.g. for a metric other than the default). */
  public DatasetFiles withGroundTruth(Path otherGroundTruth) {
    return new DatasetFiles(directory, base, query, otherGroundTruth);
  }

  /** The {@code dataset.properties} file that marks a standard-layout directory as completely prepared. */
  public Path info() {
    return directory.resolve(DatasetInfo.FILE_NAME);
  }
}
