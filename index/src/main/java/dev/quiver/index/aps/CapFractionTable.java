package dev.quiver.index.aps;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Precomputed cap fractions {@code v(t) = ½·I_x((d+1)/2, ½)} for one dimension d and cap model, on
 * {@value #POINTS} evenly spaced {@code t = h/ρ} in [0, 1], read by linear interpolation: APS evaluates it for tens
 * of boundaries per query, and the continued fraction costs microseconds per call. One table per (d, model),
 * built on first use and shared (ALGORITHMS.md warns against one global table built from the first d seen).
 */
public final class CapFractionTable {

  /** Table resolution: at d = 784 the fraction falls from ½ to ~0 within t ≈ 0.1, still ~100 points. */
  static final int POINTS = 1024;

  private static final ConcurrentHashMap<Long, CapFractionTable> CACHE = new ConcurrentHashMap<>();

  private final float[] values = new float[POINTS + 1];

  private CapFractionTable(int dim, CapModel model) {
    double a = (dim + 1) / 2.0;
    for (int i = 0; i <= POINTS; i++) {
      double t = (double) i / POINTS;
      values[i] = (float) (0.5 * IncompleteBeta.regularized(model.betaArgument(t), a, 0.5));
    }
  }

  /** The shared table for {@code dim} and {@code model}. */
  public static CapFractionTable of(int dim, CapModel model) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim: must be at least 1, was " + dim);
    }
    return CACHE.computeIfAbsent(((long) dim << 8) | model.ordinal(), key -> new CapFractionTable(dim, model));
  }

  /**
   * Fraction of the ball {@code B(q, ρ)} beyond a hyperplane at distance {@code h ≥ 0} from q: ½ at h = 0, 0 for
   * {@code h ≥ ρ} (so also for ρ = 0, when k exact duplicates of the query were found). An infinite ρ (fewer than
   * k results so far) means the ball is unbounded: ½.
   */
  public float fraction(float h, float rho) {
    if (rho == Float.POSITIVE_INFINITY || Float.isNaN(rho)) {
      return 0.5f;
    }
    if (h >= rho) {
      return 0f;
    }
    float t = h / rho;
    if (t <= 0f) {
      return values[0];
    }
    float position = t * POINTS;
    int i = (int) position;
    float w = position - i;
    return values[i] + w * (values[i + 1] - values[i]);
  }
}
