package dev.quiver.index.aps;

/**
 * The regularised incomplete beta function {@code I_x(a, b)}, the CDF of the Beta(a, b) distribution, which gives
 * the volume fraction of a hyperspherical cap (ALGORITHMS.md §2, step 3).
 *
 * <p>Evaluated by the continued fraction of DLMF 8.17.22 with the modified Lentz method, using the symmetry
 * {@code I_x(a, b) = 1 − I_{1−x}(b, a)} where it converges faster ({@code x > (a + 1)/(a + b + 2)}); the prefactor
 * {@code x^a (1−x)^b / (a·B(a, b))} is computed through log-gamma to stay finite at a in the hundreds (d = 784).
 */
public final class IncompleteBeta {

  private static final int MAX_ITERATIONS = 10_000;
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;

  private IncompleteBeta() {}

  /**
   * {@code I_x(a, b)} for {@code a, b > 0} and {@code x} in [0, 1].
   *
   * @throws IllegalArgumentException for parameters outside those ranges
   */
  public static double regularized(double x, double a, double b) {
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("a, b: must be positive, were " + a + ", " + b);
    }
    if (!(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException("x: must be in [0, 1], was " + x);
    }
    if (x == 0 || x == 1) {
      return x;
    }
    double logPrefactor = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logPrefactor) * continuedFraction(x, a, b) / a;
    }
    return 1 - Math.exp(logPrefactor) * continuedFraction(1 - x, b, a) / b;
  }

  /** Continued fraction for I_x(a, b) (DLMF 8.17.22), evaluated by modified Lentz. */
  private static double continuedFraction(double x, double a, double b) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double result = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + even * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + even / c;
      c = Math.abs(c) < TINY ? TINY : c;
      result *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + odd * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + odd / c;
      c = Math.abs(c) < TINY ? TINY : c;
      double delta = d * c;
      result *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        return result;
      }
    }
    throw new IllegalStateException("incomplete beta: no convergence for x=" + x + ", a=" + a + ", b=" + b);
  }

  /** ln Γ(z) for z > 0, by the Lanczos approximation (g = 7, n = 9), accurate to about 1e-15 relative. */
  static double logGamma(double z) {
    if (z < 0.5) {
      // Reflection: Γ(z)Γ(1−z) = π / sin(πz).
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
    }
    double x = LANCZOS[0];
    double zm1 = z - 1;
    for (int i = 1; i < LANCZOS.length; i++) {
      x += LANCZOS[i] / (zm1 + i);
    }
    double t = zm1 + LANCZOS_G + 0.5;
    return 0.5 * Math.log(2 * Math.PI) + (zm1 + 0.5) * Math.log(t) - t + Math.log(x);
  }

  private static final double LANCZOS_G = 7;
  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
      12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
}
