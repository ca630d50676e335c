package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares the {@code fmnist} dataset from Debian's {@code dataset-fashion-mnist} package: the 60,000 training
 * images are the base, the 10,000 test images the queries, each a 784-d vector (28 × 28 pixels), metric L2.
 *
 * <p>Pixels are kept as floats in [0, 255], not scaled to [0, 1]: this is the ann-benchmarks convention for
 * {@code fashion-mnist-784-euclidean}, so recall numbers are comparable, and scaling would not change any
 * neighbour (L2 ranking is invariant under a common scale).
 */
public final class FashionMnistPreparer {

  /** Where the Debian package installs the IDX files. */
  public static final Path DEFAULT_SOURCE = Path.of("/usr/share/datasets/fashion-mnist");
  /** IDX file of the training images, without the {@code .gz} the package adds. */
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** IDX file of the test images, without {@code .gz}. */
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";

  private FashionMnistPreparer() {}

  /**
   * Reads the IDX files in {@code sourceDir} and writes the dataset to {@code <dataRoot>/fmnist}.
   *
   * @throws java.nio.file.NoSuchFileException when an IDX file is absent, with the {@code apt-get} command that
   *     installs it
   */
  public static Dataset prepare(Path sourceDir, Path dataRoot, ProgressReporter progress) throws IOException {
    FloatRows base = IdxFile.read(find(sourceDir, TRAIN_IMAGES)).toFloatRows();
    FloatRows queries = IdxFile.read(find(sourceDir, TEST_IMAGES)).toFloatRows();
    return DatasetWriter.write(dataRoot.resolve(KnownDataset.FMNIST.specName()), KnownDataset.FMNIST.specName(),
        Metric.L2, base, queries, "Fashion-MNIST from Debian package dataset-fashion-mnist (" + sourceDir
            + "), train images as base, t10k as queries, pixel values 0..255", progress);
  }

  /** The IDX file {@code name} in {@code dir}, gzipped ({@code name.gz}) or not. */
  static Path find(Path dir, String name) throws IOException {
    for (Path candidate : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new java.nio.file.NoSuchFileException(dir.resolve(name + ".gz").toString(), null,
        "Fashion-MNIST IDX file not found; install it with: sudo apt-get install "
            + KnownDataset.FMNIST.debianPackage());
  }
}
