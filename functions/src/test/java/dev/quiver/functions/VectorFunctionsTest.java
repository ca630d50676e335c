package dev.quiver.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the SQL vector functions, with pgvector's semantics, and the text form of vectors. */
class VectorFunctionsTest {

  private static final FloatVector A = new FloatVector(new float[] {1, 2, 3});
  private static final FloatVector B = new FloatVector(new float[] {4, 6, 3});

  @Test
  void distancesMatchHandComputedValues() {
    assertEquals(5.0, VectorFunctions.l2Distance(A, B), 1e-12); // √(9 + 16 + 0)
    assertEquals(25.0, VectorFunctions.innerProduct(A, B), 1e-12); // 4 + 12 + 9
    assertEquals(-25.0, VectorFunctions.negativeInnerProduct(A, B), 1e-12);
    assertEquals(1 - 25 / (Math.sqrt(14) * Math.sqrt(61)), VectorFunctions.cosineDistance(A, B), 1e-12);
    assertTrue(Double.isNaN(VectorFunctions.cosineDistance(A, new FloatVector(new float[3]))),
        "pgvector gives NaN for a zero vector");
    assertEquals(0.0, VectorFunctions.cosineDistance(A, A), 1e-12);
  }

  @Test
  void distanceUsesTheColumnsMetric() {
    FloatVector column = new FloatVector(new float[] {1, 2, 3}, Metric.INNER_PRODUCT);
    assertEquals(-25.0, VectorFunctions.distance(column, B), 1e-12);
    assertEquals(5.0, VectorFunctions.distance(B, new FloatVector(new float[] {1, 2, 3}, Metric.L2)), 1e-12);
    SqlUserError error = assertThrows(SqlUserError.class, () -> VectorFunctions.distance(A, B));
    assertEquals("42883", error.sqlState());
  }

  @Test
  void dimsNormNormalizeAndText() {
    assertEquals(3, VectorFunctions.vectorDims(A));
    assertEquals(Math.sqrt(14), VectorFunctions.vectorNorm(A), 1e-12);
    assertArrayEquals(new float[] {0.6f, 0.8f}, VectorFunctions.normalize(List.of(3, 4)).values(), 1e-7f);
    assertArrayEquals(new float[] {0, 0}, VectorFunctions.normalize(List.of(0, 0)).values());
    assertEquals("[1.0,2.0,3.0]", VectorFunctions.vectorText(A));
    assertArrayEquals(new float[] {1.5f, -2f, 3e-3f}, VectorFunctions.vector(" [1.5, -2 ,3e-3] ").values());
  }

  @Test
  void argumentsArriveInEveryFormAVectorCan() {
    float[] expected = {1, 2, 3};
    assertArrayEquals(expected, VectorValues.toFloats("x", new float[] {1, 2, 3}));
    assertArrayEquals(expected, VectorValues.toFloats("x", new double[] {1, 2, 3}));
    assertArrayEquals(expected, VectorValues.toFloats("x", List.of(new BigDecimal("1"), 2, 3.0)));
    assertArrayEquals(expected, VectorValues.toFloats("x", "[1,2,3]"));
  }

  @Test
  void badVectorsNameTheProblem() {
    assertEquals("22000", assertThrows(SqlUserError.class,
        () -> VectorFunctions.l2Distance(A, List.of(1, 2))).sqlState());
    assertEquals("22000", assertThrows(SqlUserError.class, () -> VectorText.parse("[1, NaN]")).sqlState());
    assertEquals("22P02", assertThrows(SqlUserError.class, () -> VectorText.parse("1, 2")).sqlState());
    assertEquals("22P02", assertThrows(SqlUserError.class, () -> VectorText.parse("[]")).sqlState());
    assertEquals("22P02", assertThrows(SqlUserError.class, () -> VectorText.parse("[1, two]")).sqlState());
    assertEquals("22000", assertThrows(SqlUserError.class,
        () -> VectorValues.toFloats("x", java.util.Arrays.asList(1, null))).sqlState());
    assertEquals("42804", assertThrows(SqlUserError.class, () -> VectorValues.toFloats("x", 3)).sqlState());
  }
}
