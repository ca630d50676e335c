package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.index.Metric;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  /**
   * Small-integer components make every distance exact in float whatever the summation order, so the kernels and the
   * reference agree bit for bit, and the few distinct values make ties common.
   */
  private static FloatRows integerRows(int count, int dim, int levels, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[count * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(levels) - levels / 2;
    }
    return new FloatRows(v, count, dim);
  }

  /** Plain reference: score every pair in double, sort by (score, id). */
  private static int[] naive(FloatRows base, FloatRows queries, Metric metric, int k) {
    int dim = base.dim();
    int[] out = new int[queries.count() * k];
    for (int q = 0; q < queries.count(); q++) {
      double[] score = new double[base.count()];
      for (int i = 0; i < base.count(); i++) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
          double a = queries.values()[q * dim + j];
          double b = base.values()[i * dim + j];
          s += metric == Metric.L2 ? (a - b) * (a - b) : a * b;
        }
        score[i] = metric == Metric.L2 ? s : -s;
      }
      int[] order = IntStream.range(0, base.count()).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> score[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).limit(k).toArray();
      System.arraycopy(order, 0, out, q * k, k);
    }
    return out;
  }

  @Test
  void l2MatchesBruteForceAcrossBlocksAndQueryGroups() {
    // dim 8 gives 32,768 base rows per 1 MB block, so 70,000 rows span three blocks; 37 queries split into groups.
    FloatRows base = integerRows(70_000, 8, 5, 1);
    FloatRows queries = integerRows(37, 8, 5, 2);
    IntRows truth = GroundTruth.compute(base, queries, Metric.L2, 100, ProgressReporter.SILENT);
    assertEquals(37, truth.count());
    assertEquals(100, truth.dim());
    assertArrayEquals(naive(base, queries, Metric.L2, 100), truth.values());
  }

  @Test
  void innerProductAndCosineRankLargerDotsFirst() {
    FloatRows base = integerRows(3_000, 16, 7, 3);
    FloatRows queries = integerRows(20, 16, 7, 4);
    int[] expected = naive(base, queries, Metric.INNER_PRODUCT, 50);
    assertArrayEquals(expected, GroundTruth.compute(base, queries, Metric.INNER_PRODUCT, 50,
        ProgressReporter.SILENT).values());
    // Cosine data is stored normalised, so its ground truth is the inner-product one.
    assertArrayEquals(expected, GroundTruth.compute(base, queries, Metric.COSINE, 50,
        ProgressReporter.SILENT).values());
  }

  @Test
  void tiesGoToTheSmallerId() {
    // Rows 0..5: duplicates of two points; the query sits on point A.
    float[] b = {1, 1, 5, 5, 1, 1, 5, 5, 1, 1, 0, 0};
    FloatRows base = new FloatRows(b, 6, 2);
    FloatRows query = new FloatRows(new float[] {1, 1}, 1, 2);
    IntRows truth = GroundTruth.compute(base, query, Metric.L2, 6, ProgressReporter.SILENT);
    assertArrayEquals(new int[] {0, 2, 4, 5, 1, 3}, truth.values());
  }

  @Test
  void depthIsCappedAtTheBaseSize() {
    FloatRows base = integerRows(7, 3, 4, 5);
    FloatRows queries = integerRows(2, 3, 4, 6);
    IntRows truth = GroundTruth.compute(base, queries, Metric.L2, 100, ProgressReporter.SILENT);
    assertEquals(7, truth.dim());
    int[] firstRow = Arrays.copyOf(truth.values(), 7);
    Arrays.sort(firstRow);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, firstRow);
  }

  @Test
  void rejectsMismatchedDimensions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroundTruth.compute(
        integerRows(5, 3, 2, 1), integerRows(1, 4, 2, 1), Metric.L2, 1, ProgressReporter.SILENT));
    assertEquals("dimensions differ: base has 3, queries have 4", e.getMessage());
  }
}
