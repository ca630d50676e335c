package dev.quiver.index.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known values of I_x(a, b) and of the cap fractions built on it. */
class IncompleteBetaTest {

  @Test
  void closedForms() {
    for (double x : new double[] {0.01, 0.2, 0.5, 0.77, 0.999}) {
      assertEquals(x, IncompleteBeta.regularized(x, 1, 1), 1e-12, "I_x(1,1) = x");
      assertEquals(Math.pow(x, 3.5), IncompleteBeta.regularized(x, 3.5, 1), 1e-12, "I_x(a,1) = x^a");
      assertEquals(1 - Math.pow(1 - x, 2.5), IncompleteBeta.regularized(x, 1, 2.5), 1e-12, "I_x(1,b)");
      // I_x(½, ½) = (2/π)·asin(√x), the arcsine distribution.
      assertEquals(2 / Math.PI * Math.asin(Math.sqrt(x)), IncompleteBeta.regularized(x, 0.5, 0.5), 1e-12);
    }
  }

  @Test
  void knownValues() {
    // I_0.3(2, 3) = Σ_{j=2..4} C(4,j) 0.3^j 0.7^(4−j) = 0.3483.
    assertEquals(0.3483, IncompleteBeta.regularized(0.3, 2, 3), 1e-12);
    assertEquals(0.5, IncompleteBeta.regularized(0.5, 192.5, 192.5), 1e-12, "symmetric at x = ½");
    // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a) at large a (d = 784).
    double x = 0.995;
    assertEquals(1 - IncompleteBeta.regularized(1 - x, 0.5, 392.5), IncompleteBeta.regularized(x, 392.5, 0.5),
        1e-12);
    assertEquals(0, IncompleteBeta.regularized(0, 2, 3));
    assertEquals(1, IncompleteBeta.regularized(1, 2, 3));
    assertEquals(Math.log(24), IncompleteBeta.logGamma(5), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), IncompleteBeta.logGamma(0.5), 1e-12);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> IncompleteBeta.regularized(1.5, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> IncompleteBeta.regularized(0.5, 0, 3));
  }

  @Test
  void capFractionsFallFromHalfToZeroAndShrinkWithDimension() {
    for (CapModel model : CapModel.values()) {
      CapFractionTable low = CapFractionTable.of(2, model);
      CapFractionTable high = CapFractionTable.of(128, model);
      assertEquals(0.5f, low.fraction(0, 1), 1e-6f);
      assertEquals(0f, low.fraction(1, 1));
      assertEquals(0f, low.fraction(2, 1), "beyond the ball");
      assertEquals(0.5f, low.fraction(3, Float.POSITIVE_INFINITY), "no radius yet: half");
      float previous = 0.5f;
      for (float t = 0.05f; t < 1; t += 0.05f) {
        float v = high.fraction(t, 1);
        assertTrue(v <= previous, "monotone in h/ρ");
        assertTrue(v <= low.fraction(t, 1) + 1e-6f, "a cap holds less of a higher-dimensional ball");
        previous = v;
      }
    }
    // d = 2: a disc cut at distance h = ρ/2 loses (θ − sinθ)/(2π) with θ = 2·acos(½) (circular segment area).
    double theta = 2 * Math.acos(0.5);
    assertEquals((theta - Math.sin(theta)) / (2 * Math.PI), CapFractionTable.of(2, CapModel.EXACT_VOLUME)
        .fraction(0.5f, 1f), 1e-4);
    assertTrue(CapFractionTable.of(128, CapModel.SQRT_VARIANT).fraction(0.2f, 1)
        > CapFractionTable.of(128, CapModel.EXACT_VOLUME).fraction(0.2f, 1), "the sqrt variant is more cautious");
  }
}
