package dev.quiver.index.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Agreement of the Vector API and scalar kernels, and the start-up choice between them. */
class VectorKernelsTest {

  private static final long SEED = 20261123L;
  private final DistanceKernels scalar = VectorKernels.implementation("scalar");
  private final DistanceKernels panama = VectorKernels.implementation("panama");

  @Test
  void vectorApiIsActiveWhenTheBuildExpectsIt() {
    // Surefire passes -Dquiver.kernels.expect=panama with --add-modules jdk.incubator.vector: a silent fallback to
    // scalar would make every benchmark slow without failing anything else.
    String expected = System.getProperty("quiver.kernels.expect");
    if (expected != null) {
      assertEquals(expected, VectorKernels.implementationName(),
          "distance kernels: expected " + expected + " but " + VectorKernels.implementationName() + " is active");
    }
  }

  @Test
  void unknownOverrideIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorKernels.choose("avx9"));
    assertTrue(e.getMessage().contains("avx9") && e.getMessage().contains("quiver.kernels"), e.getMessage());
    assertEquals("scalar", VectorKernels.choose("SCALAR").name());
    assertEquals("panama", VectorKernels.choose("panama").name());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 13, 100, 128, 207, 384, 784, 1021})
  void implementationsAgreeOnAwkwardDimensions(int dim) {
    SplittableRandom random = new SplittableRandom(SEED + dim);
    for (int trial = 0; trial < 20; trial++) {
      int aOffset = random.nextInt(5);
      int bOffset = random.nextInt(5);
      float[] a = randomVector(random, aOffset + dim);
      float[] b = randomVector(random, bOffset + dim);
      assertClose(scalar.squaredL2(a, aOffset, b, bOffset, dim), panama.squaredL2(a, aOffset, b, bOffset, dim),
          dim, "squaredL2 seed " + SEED);
      assertClose(scalar.dot(a, aOffset, b, bOffset, dim), panama.dot(a, aOffset, b, bOffset, dim), dim,
          "dot seed " + SEED);
      assertClose(scalar.cosine(a, aOffset, b, bOffset, dim), panama.cosine(a, aOffset, b, bOffset, dim), dim,
          "cosine seed " + SEED);
    }
  }

  /** Dimensions straddle the bulk kernels' register-held query prefix at AVX2's and AVX-512's widths (64, 128). */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 13, 63, 64, 65, 100, 127, 128, 129, 143, 192, 207, 384, 784, 1021})
  void bulkFormsAgreeWithSingleForms(int dim) {
    SplittableRandom random = new SplittableRandom(SEED * 31 + dim);
    int rows = 11;
    float[] block = randomVector(random, (rows + 2) * dim);
    float[] query = randomVector(random, dim);
    for (DistanceKernels impl : new DistanceKernels[] {scalar, panama}) {
      float[] l2 = new float[rows];
      float[] dots = new float[rows];
      impl.squaredL2Bulk(query, block, 2, rows, dim, l2);
      impl.dotBulk(query, block, 2, rows, dim, dots);
      for (int r = 0; r < rows; r++) {
        assertClose(scalar.squaredL2(query, 0, block, (r + 2) * dim, dim), l2[r], dim, impl.name() + " l2 row " + r);
        assertClose(scalar.dot(query, 0, block, (r + 2) * dim, dim), dots[r], dim, impl.name() + " dot row " + r);
      }
    }
  }

  /**
   * The 8-bit code kernels of both implementations agree with the decoding written out in double, for codes across
   * the whole signed range, across the register-width boundaries, from a row offset.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 100, 128, 129, 384, 784})
  void codeKernelsAgreeWithTheirDecoding(int dim) {
    SplittableRandom random = new SplittableRandom(SEED * 17 + dim);
    int rows = 9;
    byte[] codes = new byte[(rows + 3) * dim];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (byte) (random.nextInt(256) - 128);
    }
    float[] center = randomVector(random, dim);
    float[] scale = randomVector(random, dim);
    float[] weight = randomVector(random, dim);
    for (DistanceKernels impl : new DistanceKernels[] {scalar, panama}) {
      float[] l2 = new float[rows];
      float[] dots = new float[rows];
      impl.squaredL2Codes(center, scale, codes, 3, rows, dim, l2);
      impl.dotCodes(weight, codes, 3, rows, dim, dots);
      for (int r = 0; r < rows; r++) {
        double squared = 0;
        double dot = 0;
        for (int d = 0; d < dim; d++) {
          int code = codes[(r + 3) * dim + d];
          double x = (double) scale[d] * code + center[d];
          squared += x * x;
          dot += (double) weight[d] * code;
        }
        assertClose((float) squared, l2[r], dim, impl.name() + " squaredL2Codes row " + r);
        assertEquals(dot, dots[r], 1e-5 * dim * Math.max(1, 128 * dim), impl.name() + " dotCodes row " + r);
      }
    }
  }

  @Test
  void facadeRejectsCodesOutsideTheirBlock() {
    float[] four = new float[4];
    assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.squaredL2Codes(four, four, new byte[7], 0, 2, new float[2]));
    assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.squaredL2Codes(four, new float[3], new byte[8], 0, 2, new float[2]));
    assertThrows(IllegalArgumentException.class, () -> VectorKernels.dotCodes(four, new byte[8], 1, 2, new float[2]));
  }

  /**
   * Both implementations find exactly the positions at or below a threshold, in order, across the vector loop's
   * boundary, with ties at the threshold, NaN and signed zeros, and with an output array too short for all of them.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 33, 100, 4000})
  void positionsAtMostAgree(int n) {
    SplittableRandom random = new SplittableRandom(SEED * 41 + n);
    for (int trial = 0; trial < 20; trial++) {
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        int pick = random.nextInt(40);
        scores[i] = pick == 0 ? Float.NaN : pick == 1 ? -0f : pick == 2 ? 0f : random.nextInt(30) - 5;
      }
      float threshold = trial % 4 == 0 ? 0f : random.nextInt(30) - 5; // 0 makes -0 and +0 ties
      int[] expected = java.util.stream.IntStream.range(0, n).filter(i -> scores[i] <= threshold).toArray();
      for (int capacity : new int[] {n, expected.length / 2}) {
        for (DistanceKernels impl : new DistanceKernels[] {scalar, panama}) {
          int[] out = new int[capacity];
          int found = impl.positionsAtMost(scores, n, threshold, out);
          String what = impl.name() + " n " + n + " trial " + trial + " capacity " + capacity + ", seed " + SEED;
          assertEquals(expected.length, found, what);
          int written = Math.min(found, capacity);
          assertArrayEquals(java.util.Arrays.copyOf(expected, written), java.util.Arrays.copyOf(out, written), what);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 13, 100, 128, 207, 384, 784, 1021})
  void tileAgreesWithSingleDots(int dim) {
    SplittableRandom random = new SplittableRandom(SEED * 17 + dim);
    float[] a = randomVector(random, 6 * dim);
    float[] b = randomVector(random, 7 * dim);
    for (DistanceKernels impl : new DistanceKernels[] {scalar, panama}) {
      float[] out = new float[16];
      impl.dotTile4x4(a, 2, b, 3, dim, out);
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          assertClose(scalar.dot(a, (2 + i) * dim, b, (3 + j) * dim, dim), out[4 * i + j], dim,
              impl.name() + " tile " + i + "," + j);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 13, 100, 128, 207, 384, 784, 1021})
  void panelAgreesWithSingleDots(int dim) {
    SplittableRandom random = new SplittableRandom(SEED * 23 + dim);
    float[] a = randomVector(random, 6 * dim);
    for (DistanceKernels impl : new DistanceKernels[] {scalar, panama}) {
      int width = impl.panelWidth();
      int rows = 2 * width + 5; // a padded last panel, starting past row 0 of the block
      float[] block = randomVector(random, (rows + 3) * dim);
      RowPanels panels = RowPanels.of(block, 3, rows, dim, width);
      assertEquals(3, panels.panels(), impl.name() + " panels");
      float[] out = new float[4 * width];
      for (int p = 0; p < panels.panels(); p++) {
        impl.dotPanel4(a, 2, panels.data(), p, dim, out);
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < width; j++) {
            int row = p * width + j;
            float expected = row < rows ? scalar.dot(a, (2 + i) * dim, block, (3 + row) * dim, dim) : 0f;
            assertClose(expected, out[i * width + j], dim, impl.name() + " panel " + p + " query " + i + " row " + j);
          }
        }
      }
    }
  }

  @Test
  void facadeRejectsPanelsOfAnotherWidth() {
    int other = VectorKernels.panelWidth() * 2;
    RowPanels foreign = RowPanels.of(new float[8 * 3], 0, 8, 3, other);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.dotPanel4(new float[12], 0, foreign, 0, new float[4 * other]));
    assertTrue(e.getMessage().contains("RowPanels.of"), e.getMessage());
    RowPanels own = RowPanels.of(new float[8 * 3], 0, 8, 3);
    assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.dotPanel4(new float[12], 0, own, 1, new float[4 * own.width()]));
    assertThrows(IllegalArgumentException.class, () -> RowPanels.of(new float[20], 0, 8, 3));
  }

  @Test
  void knownAnswers() {
    float[] a = {1, 2, 3};
    float[] b = {4, 6, 3};
    assertEquals(25f, VectorKernels.squaredL2(a, b));
    assertEquals(25f, VectorKernels.dot(a, b));
    assertEquals(0f, VectorKernels.cosine(new float[] {0, 0}, new float[] {1, 1}), "zero norm gives 0, not NaN");
    assertEquals(1f, VectorKernels.cosine(new float[] {2, 0}, new float[] {5, 0}), 1e-6f);
  }

  @Test
  void facadeRejectsMismatchedDimensions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.squaredL2(new float[3], new float[4]));
    assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> VectorKernels.squaredL2Bulk(new float[4], new float[15], 0, 4, new float[4]));
    assertThrows(IllegalArgumentException.class, () -> VectorKernels.normalizeInPlace(new float[3]));
  }

  private static float[] randomVector(SplittableRandom random, int length) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** Summation order differs between implementations: allow float rounding that grows with the dimension. */
  private static void assertClose(float expected, float actual, int dim, String what) {
    float tolerance = 1e-5f * dim * Math.max(1f, Math.abs(expected));
    assertEquals(expected, actual, tolerance, what + " at dim " + dim);
  }
}
