package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import dev.quiver.index.aps.ApsConfig;
import dev.quiver.index.aps.ModelDimensions;
import org.junit.jupiter.api.Test;

/** Build-time calibration of APS's model dimension, and how a query's target picks one. */
class ApsCalibrationTest {

  @Test
  void gridClimbsByQuarterOctavesToTheAmbientDimension() {
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16}, ApsCalibration.grid(16));
    assertArrayEquals(new int[] {1}, ApsCalibration.grid(1));
  }

  @Test
  void aTargetUsesTheDimensionOfTheSmallestCalibratedTargetAtOrAboveIt() {
    ModelDimensions dims = new ModelDimensions(new double[] {0.8, 0.9, 0.99}, new int[] {100, 50, 10});
    assertEquals(100, dims.dimensionFor(0.5));
    assertEquals(100, dims.dimensionFor(0.8));
    assertEquals(50, dims.dimensionFor(0.85));
    assertEquals(10, dims.dimensionFor(0.99));
    assertEquals(10, dims.dimensionFor(1.0), "above the last target: the most cautious");
    assertEquals(7, ModelDimensions.fixed(7).dimensionFor(0.3));
    assertThrows(IllegalArgumentException.class, () -> new ModelDimensions(new double[] {0.9, 0.8}, new int[] {1, 1}));
  }

  @Test
  void calibrationIsSeededAndHigherTargetsScanMore() {
    int n = 8_000;
    int dim = 24;
    int heldOut = 300;
    float[] all = TestVectors.clustered(n + heldOut, dim, 40, 5);
    float[] points = java.util.Arrays.copyOf(all, n * dim);
    IvfIndex a = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(dim, Metric.L2, 80, 9));
    IvfIndex b = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(dim, Metric.L2, 80, 9));
    ModelDimensions dims = a.apsModelDimensions(10);
    assertArrayEquals(dims.dimensions(), b.apsModelDimensions(10).dimensions(), "same seed, same calibration");
    assertArrayEquals(dims.candidates(), b.apsModelDimensions(10).candidates(), "same seed, same calibration");
    for (int d : dims.dimensions()) {
      assertTrue(d <= dim, dims.toString());
    }
    // A higher target may use a larger model dimension than a lower one (its stop rule asks more of the estimate),
    // but it must never scan less: the pairs are chosen to meet ever higher bars on the same sample.
    double previous = 0;
    for (double target : new double[] {0.5, 0.7, 0.8, 0.9, 0.95, 0.99}) {
      double scanned = 0;
      for (int q = n; q < n + heldOut; q++) {
        scanned += a.search(java.util.Arrays.copyOfRange(all, q * dim, q * dim + dim),
            dev.quiver.index.search.SearchParams.forRecall(10, target)).partitionsScanned();
      }
      assertTrue(scanned >= previous, "target " + target + " scanned " + scanned + " < " + previous + "; " + dims);
      previous = scanned;
    }
    assertTrue(a.buildStats().calibrateNanos() > 0);
  }

  @Test
  void theCalibrationMarginIsTheStandardErrorOfASampleAgainstAWorkload() {
    // Per-query recalls 1, 1, 0.5, 0.5: mean 0.75, sample variance 1/12; the margin is the standard error of the
    // difference between this sample's mean and that of a workload of WORKLOAD_QUERIES queries, MARGIN_ERRORS times.
    double margin = ApsCalibration.MARGIN_ERRORS
        * Math.sqrt(1.0 / 12 / 4 + 1.0 / 12 / ApsCalibration.WORKLOAD_QUERIES);
    assertEquals(0.75 - margin, ApsCalibration.meanLessMargin(new double[] {1, 1, 0.5, 0.5}), 1e-12);
    assertEquals(0.9, ApsCalibration.meanLessMargin(new double[] {0.9, 0.9, 0.9}), 1e-12, "no spread, no margin");
    assertEquals(0.4, ApsCalibration.meanLessMargin(new double[] {0.4}), 1e-12, "one query: no spread to measure");
  }

  @Test
  void scoringManyQueriesPerTileFindsWhatOneScanPerQueryFinds() {
    // The calibration's ground truth comes from scanMany; it must be the exact top k a plain scan finds.
    for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT}) {
      int n = 3_000;
      int dim = 100; // not a multiple of the SIMD width, and tiles of 163 rows end mid-partition (and mid-group of 4)
      float[] points = TestVectors.clustered(n, dim, 12, 3);
      IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(dim, metric, 7, 3));
      float[][] queries = new float[9][]; // two groups of four and one alone
      for (int q = 0; q < queries.length; q++) {
        queries[q] = java.util.Arrays.copyOfRange(points, q * 31 * dim, q * 31 * dim + dim);
      }
      dev.quiver.index.search.TopKCollector[] many = new dev.quiver.index.search.TopKCollector[queries.length];
      dev.quiver.index.search.TopKCollector[] one = new dev.quiver.index.search.TopKCollector[queries.length];
      for (int q = 0; q < queries.length; q++) {
        many[q] = new dev.quiver.index.search.TopKCollector(25);
        one[q] = new dev.quiver.index.search.TopKCollector(25);
      }
      PartitionScanner scanner = new PartitionScanner(metric, false);
      PartitionLayout layout = index.layout();
      for (int p = 0; p < layout.nlist(); p++) {
        scanner.scanMany(layout.partition(p), queries,
            (q, scores, ids, start, rows) -> many[q].offerAll(scores, ids, start, rows));
        for (int q = 0; q < queries.length; q++) {
          scanner.scan(layout.partition(p), queries[q], one[q]);
        }
      }
      for (int q = 0; q < queries.length; q++) {
        // scanMany scores L2 as ‖q‖² + ‖x‖² − 2⟨q, x⟩: rounding is relative to the norms, not to the distance (the
        // query's own row scores about 5e-4 instead of 0 here), so near-ties may swap. Each row it ranks i-th must be
        // as near, by an exact score, as the plain scan's i-th, and score what scan scores it, to that rounding.
        long[] expectedIds = one[q].sorted().ids();
        float[] expected = one[q].sorted().scores();
        long[] actualIds = many[q].sorted().ids();
        float[] actual = many[q].sorted().scores();
        assertEquals(expectedIds.length, actualIds.length);
        float norms = 2 * dev.quiver.index.kernel.VectorKernels.dot(queries[q], 0, queries[q], 0, dim)
            + 2 * Math.abs(expected[expected.length - 1]);
        for (int i = 0; i < expected.length; i++) {
          float exact = exactScore(metric, queries[q], points, (int) actualIds[i], dim);
          assertEquals(expected[i], exact, 1e-5f * norms, metric + " query " + q + " rank " + i);
          assertEquals(exact, actual[i], 1e-5f * norms, metric + " query " + q + " rank " + i);
        }
        assertTrue(actual[0] >= 0 || metric != Metric.L2, "an L2 score is never negative");
      }
    }
  }

  /** The plain scan's score of row {@code row} of {@code points} for {@code query}, in doubles. */
  private static float exactScore(Metric metric, float[] query, float[] points, int row, int dim) {
    double sum = 0;
    for (int j = 0; j < dim; j++) {
      double x = points[row * dim + j];
      sum += metric == Metric.L2 ? (query[j] - x) * (query[j] - x) : -query[j] * x;
    }
    return (float) sum;
  }

  @Test
  void aRecalibrationOnASampleStillCalibratesEveryKTheIndexIsLargeEnoughFor() {
    // A recalibration scores a 2,000-vector sample against the whole index: k = 1000 needs more than 4,000 vectors
    // in the index, not in the sample (filtered searches use that model).
    int n = 12_000;
    int dim = 16;
    float[] points = TestVectors.clustered(n, dim, 40, 11);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(dim, Metric.L2, 60, 11));
    index.maintenanceLock().lock();
    try {
      assertTrue(index.recalibrate(5));
    } finally {
      index.maintenanceLock().unlock();
    }
    for (ModelDimensions dims : index.modelDimensionsByK()) {
      assertTrue(dims.targets().length > 1, "calibrated per target, not fixed: " + dims);
    }
  }

  @Test
  void aFixedModelDimensionSkipsCalibration() {
    float[] points = TestVectors.clustered(2_000, 8, 10, 5);
    IvfParams params = IvfParams.of(8, Metric.L2, 20).withAps(ApsConfig.DEFAULT.withModelDimension(8));
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(2_000), params);
    assertEquals(8, index.apsModelDimensions(100).dimensionFor(0.9));
    assertEquals(0, index.buildStats().calibrateNanos(), 1_000_000, "no calibration work beyond a clock read");
  }
}
