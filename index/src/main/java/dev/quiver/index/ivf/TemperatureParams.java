package dev.quiver.index.ivf;

/**
 * How partitions' read temperatures move (Ada-IVF §4.1, Alg. 3): a query that scans a partition heats it by
 * {@code T ← T·(1 + d_μ·η)}, with {@code d_μ ∈ (0, 1]} the ratio of the query's distance to its nearest centroid to
 * its distance to this partition's centroid; every other query cools it by {@code T ← max(1, T·(1 − ν))}.
 *
 * <p>The paper gives no values. The defaults make a partition that one query in ten scans settle near
 * {@code 1 + η/(10ν)}-ish equilibrium rather than run away, and a partition nobody reads return to 1.0 within a few
 * thousand queries; {@code maxTemperature} bounds a partition every query scans (its temperature would otherwise grow
 * without limit and overflow).
 *
 * @param heating η, in (0, 1]
 * @param cooling ν, in (0, 1)
 * @param maxTemperature upper bound of T, above 1
 */
public record TemperatureParams(double heating, double cooling, double maxTemperature) {

  /** η = 0.01, ν = 0.001, T ≤ 100. */
  public static final TemperatureParams DEFAULT = new TemperatureParams(0.01, 0.001, 100.0);

  /** Validates every field. */
  public TemperatureParams {
    if (!(heating > 0 && heating <= 1)) {
      throw new IllegalArgumentException("heating: must be in (0, 1], was " + heating);
    }
    if (!(cooling > 0 && cooling < 1)) {
      throw new IllegalArgumentException("cooling: must be in (0, 1), was " + cooling);
    }
    if (!(maxTemperature > 1) || Double.isInfinite(maxTemperature)) {
      throw new IllegalArgumentException("maxTemperature: must be finite and above 1, was " + maxTemperature);
    }
  }
}
