package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.search.SearchParams;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Adaptive Partition Scanning on a small real subset: 10,000 Fashion-MNIST training images as the base, 1,000 test
 * images as queries. Real data is where a recall model meets clusters it was not derived from; the mean achieved
 * recall@k (k = 10 and 100) must reach every target less 0.01 with no tuning. Needs Debian's {@code dataset-fashion-mnist}, which
 * {@code .ci/run} installs; skipped where it is absent.
 */
class ApsRealSubsetTest {

  private static final int BASE = 10_000;
  private static final int QUERIES = 1_000;

  @Test
  void meanRecallMeetsEveryTargetOnFashionMnist() throws IOException {
    assumeTrue(Files.isDirectory(FashionMnistPreparer.DEFAULT_SOURCE),
        "dataset-fashion-mnist is not installed: apt-get install dataset-fashion-mnist");
    FloatRows train = IdxFile.read(FashionMnistPreparer.find(FashionMnistPreparer.DEFAULT_SOURCE,
        FashionMnistPreparer.TRAIN_IMAGES)).toFloatRows();
    FloatRows test = IdxFile.read(FashionMnistPreparer.find(FashionMnistPreparer.DEFAULT_SOURCE,
        FashionMnistPreparer.TEST_IMAGES)).toFloatRows();
    int dim = train.dim();
    FloatRows base = new FloatRows(Arrays.copyOf(train.values(), BASE * dim), BASE, dim);
    FloatRows queries = new FloatRows(Arrays.copyOf(test.values(), QUERIES * dim), QUERIES, dim);
    IntRows truth = GroundTruth.compute(base, queries, Metric.L2, 100, ProgressReporter.SILENT);

    long[] ids = new long[BASE];
    Arrays.setAll(ids, i -> i);
    IvfIndex index = IvfIndex.build(base.values(), ids, IvfParams.of(dim, Metric.L2, IvfParams.defaultNlist(BASE)));
    for (int k : new int[] {10, 100}) {
      for (double target : new double[] {0.8, 0.9, 0.95, 0.99}) {
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
          float[] query = Arrays.copyOfRange(queries.values(), q * dim, (q + 1) * dim);
          long[] found = index.search(query, SearchParams.forRecall(k, target)).ids();
          Arrays.sort(found);
          for (int i = 0; i < k; i++) {
            if (Arrays.binarySearch(found, truth.values()[q * truth.dim() + i]) >= 0) {
              recall += 1.0 / k;
            }
          }
        }
        recall /= QUERIES;
        assertTrue(recall >= target - 0.01, "Fashion-MNIST subset, k " + k + ": target " + target + " reached "
            + recall);
      }
    }
  }
}
