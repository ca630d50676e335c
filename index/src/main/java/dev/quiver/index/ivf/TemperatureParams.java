package dev.quiver.index.ivf;

/**
 * How partitions' read temperatures are measured (Ada-IVF §4.1). A partition's read rate is the exponential moving
 * average, over queries, of the proximity d_μ ∈ (0, 1] with which each query scanned it (the ratio of the query's
 * distance to its nearest centroid to its distance to this partition's centroid, Alg. 3 line 3; 0 when the query did
 * not scan it). Its temperature is that rate over the mean of all partitions' rates, floored at 1:
 * {@code T = max(1, r / r̄)}, so T says how many times more than the average partition recent queries read it.
 *
 * <p>Why not Alg. 3's {@code T ← T·(1 + d_μ·η)} on a scan and {@code T ← T·(1 − ν)} otherwise: that rule has no
 * equilibrium. A partition whose share of scans exceeds about ν/η heats without bound and one under it cools to 1, so
 * what decides T is how many partitions a query scans, not where the queries go. With APS scanning a tenth of a small
 * index, every partition read at the average rate ran away (T up to 69 under uniform queries on WordNet-MiniLM, every
 * modified partition a violator; bench/RESULTS.md, "Read temperature"). The paper gives no η or ν; the ratio to the
 * mean keeps its intent (frequency and recency of reads, hot partitions maintained first) and is 1 under uniform
 * reads whatever the index's size or the queries' scan depth.
 *
 * @param decay λ ∈ (0, 1), the moving average's weight of each query: it remembers about 1/λ queries
 * @param maxTemperature upper bound of T, above 1
 */
public record TemperatureParams(double decay, double maxTemperature) {

  /** λ = 0.001 (about the last thousand queries), T ≤ 100. */
  public static final TemperatureParams DEFAULT = new TemperatureParams(0.001, 100.0);

  /** Validates every field. */
  public TemperatureParams {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("decay: must be in (0, 1), was " + decay);
    }
    if (!(maxTemperature > 1) || Double.isInfinite(maxTemperature)) {
      throw new IllegalArgumentException("maxTemperature: must be finite and above 1, was " + maxTemperature);
    }
  }
}
