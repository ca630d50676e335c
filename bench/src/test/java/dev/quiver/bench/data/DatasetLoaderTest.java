package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  @TempDir Path root;

  @Test
  void generatedDatasetIsMaterialisedOnceThenReadBack() throws IOException {
    LoadOptions options = LoadOptions.DEFAULT.withGeneratedQueries(30);
    Dataset first = DatasetLoader.load(DatasetSpec.parse("gen:2000:8:5"), root, options);
    Path dir = root.resolve("gen-2000-8-5");
    assertEquals(dir, first.directory());
    for (String file : new String[] {"base.fvecs", "query.fvecs", "groundtruth.ivecs", "dataset.properties"}) {
      assertTrue(Files.isRegularFile(dir.resolve(file)), file);
    }
    assertEquals(Metric.L2, first.metric());
    assertEquals(2000, first.baseCount());
    assertEquals(30, first.queryCount());
    assertEquals(100, first.groundTruthDepth());
    FloatRows expected = new ClusteredGenerator(GeneratorParams.of(2000, 8, 5)).base(1);
    assertArrayEquals(expected.values(), first.base());

    FileTime written = Files.getLastModifiedTime(dir.resolve("base.fvecs"));
    Dataset again = DatasetLoader.load(DatasetSpec.parse("gen:2000:8:5"), root, options.withMaxQueries(10));
    assertEquals(written, Files.getLastModifiedTime(dir.resolve("base.fvecs")), "not regenerated");
    assertEquals(10, again.queryCount());
    assertArrayEquals(Arrays.copyOf(first.groundTruth(), 10 * 100), again.groundTruth());
    assertArrayEquals(Arrays.copyOf(first.queries(), 10 * 8), again.queries());
    assertEquals("gen-2000-8-5", again.name());
  }

  @Test
  void knownDatasetThatIsNotPreparedNamesTheCommand() {
    DatasetNotPreparedException e = assertThrows(DatasetNotPreparedException.class,
        () -> DatasetLoader.load("fmnist", root));
    String command = "./quiver bench prepare fmnist --data-dir " + root.toAbsolutePath().normalize();
    assertEquals(command, e.prepareCommand());
    assertTrue(e.getMessage().contains(command), e.getMessage());
    assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    DatasetNotPreparedException w = assertThrows(DatasetNotPreparedException.class,
        () -> DatasetLoader.load("wordnet-minilm", root, 100));
    assertTrue(w.getMessage().contains("./quiver bench prepare wordnet-minilm --data-dir "), w.getMessage());
  }

  @Test
  void knownDatasetOfAnOlderLayoutAsksToPrepareItAgain() throws IOException {
    Path directory = Files.createDirectories(root.resolve("wordnet-minilm"));
    new DatasetInfo("wordnet-minilm", Metric.COSINE, 8, 4, 2, "an older preparer")
        .write(directory.resolve(DatasetInfo.FILE_NAME));
    DatasetNotPreparedException e = assertThrows(DatasetNotPreparedException.class,
        () -> DatasetLoader.load("wordnet-minilm", root));
    String command = "./quiver bench prepare wordnet-minilm --force --data-dir " + root.toAbsolutePath().normalize();
    assertEquals(command, e.prepareCommand());
    assertTrue(e.getMessage().contains("layout 1") && e.getMessage().contains("all nouns"), e.getMessage());
  }

  @Test
  void badSpecIsAnIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetLoader.load("gen:10:x", root));
    assertTrue(e.getMessage().contains("D must be an integer"), e.getMessage());
  }

  @Test
  void vectorFileGetsGroundTruthComputedCachedAndRefreshed() throws IOException {
    Path dir = Files.createDirectories(root.resolve("sift"));
    FloatRows base = random(500, 6, 1);
    FloatRows queries = random(12, 6, 2);
    VecFiles.writeFvecs(dir.resolve("sift_base.fvecs"), base);
    VecFiles.writeFvecs(dir.resolve("sift_query.fvecs"), queries);
    Path gt = dir.resolve("sift_groundtruth.ivecs");

    Dataset d = DatasetLoader.load(dir.resolve("sift_base.fvecs").toString(), root, 5);
    assertEquals("sift", d.name());
    assertEquals(Metric.L2, d.metric());
    assertEquals(5, d.queryCount());
    assertTrue(Files.isRegularFile(gt));
    IntRows cached = VecFiles.readIvecs(gt);
    assertEquals(12, cached.count(), "ground truth is cached for every query in the file");
    IntRows expected = GroundTruth.compute(base, queries, Metric.L2, 100, ProgressReporter.SILENT);
    assertArrayEquals(expected.values(), cached.values());

    // A stale cache (base rewritten after it) is recomputed.
    VecFiles.writeIvecs(gt, new int[12 * 100], 12, 100);
    Files.setLastModifiedTime(gt, FileTime.fromMillis(Files.getLastModifiedTime(gt).toMillis() - 60_000));
    DatasetLoader.load(dir.resolve("sift_base.fvecs").toString(), root);
    assertArrayEquals(expected.values(), VecFiles.readIvecs(gt).values());

    // A fresh cache is trusted (this one is deliberately wrong, to prove it was read rather than recomputed).
    int[] planted = new int[12 * 100];
    VecFiles.writeIvecs(gt, planted, 12, 100);
    assertArrayEquals(planted, DatasetLoader.load(dir.resolve("sift_base.fvecs").toString(), root).groundTruth());
  }

  @Test
  void metricOverrideNormalisesAndCachesItsOwnGroundTruth() throws IOException {
    Path dir = Files.createDirectories(root.resolve("v"));
    VecFiles.writeFvecs(dir.resolve("v_base.fvecs"), random(300, 4, 3));
    VecFiles.writeFvecs(dir.resolve("v_query.fvecs"), random(7, 4, 4));
    Dataset d = DatasetLoader.load(new DatasetSpec.VectorFile(dir.resolve("v_base.fvecs")), root,
        LoadOptions.DEFAULT.withMetric(Metric.COSINE));
    assertEquals(Metric.COSINE, d.metric());
    assertEquals(1f, VectorKernels.norm(d.baseVector(17)), 1e-5f);
    assertEquals(1f, VectorKernels.norm(d.query(3)), 1e-5f);
    assertTrue(Files.isRegularFile(dir.resolve("v_groundtruth-cosine.ivecs")));
    assertFalse(Files.exists(dir.resolve("v_groundtruth.ivecs")));
  }

  @Test
  void missingQueryFileIsNamed() throws IOException {
    Path base = root.resolve("lonely.fvecs");
    VecFiles.writeFvecs(base, random(10, 2, 1));
    IOException e = assertThrows(IOException.class, () -> DatasetLoader.load(base.toString(), root));
    assertTrue(e.getMessage().contains("lonely_query.fvecs"), e.getMessage());
  }

  @Test
  void besideBaseFollowsTexmexNaming() {
    DatasetFiles sift = DatasetFiles.besideBase(Path.of("/d/sift/sift_base.fvecs"));
    assertEquals(Path.of("/d/sift/sift_query.fvecs"), sift.query());
    assertEquals(Path.of("/d/sift/sift_groundtruth.ivecs"), sift.groundTruth());
    assertEquals(DatasetFiles.standard(Path.of("/d/x")), DatasetFiles.besideBase(Path.of("/d/x/base.fvecs")));
    DatasetFiles other = DatasetFiles.besideBase(Path.of("/d/bigann.bvecs"));
    assertEquals(Path.of("/d/bigann_query.bvecs"), other.query());
  }

  private static FloatRows random(int count, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[count * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new FloatRows(v, count, dim);
  }
}
