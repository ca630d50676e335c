package dev.quiver.index.aps;

/**
 * The recall model of Adaptive Partition Scanning for one query (Quake; ALGORITHMS.md §2, steps 3–5).
 *
 * <p>Candidates are the query's M nearest partitions, nearest first; {@code boundaries[j]} (j ≥ 1) is the distance
 * from the query to the hyperplane bisecting centroids 0 and j. Given the current search radius ρ (the true distance
 * to the k-th result so far), the chance that a neighbour lies beyond boundary j is the cap fraction
 * {@code v_j = ½·I_x((d+1)/2, ½)}; normalised, {@code v̂_j = v_j / Σ v_i}, {@code p0 = Π(1 − v̂_j)} and
 * {@code p_j = (1 − p0)·v̂_j}. The recall estimated after scanning the first s candidates is
 * {@code p0 + Σ_{1≤j<s} p_j}. The profile is recomputed only when ρ moved by more than the relative threshold.
 *
 * <p>Not thread-safe: one per query, driven by the thread that merges results in candidate order.
 */
public final class RecallEstimator {

  private final CapFractionTable table;
  private final Boundaries boundaries;
  private final int candidates;
  private final double recomputeThreshold;
  /** cumulative[s] = estimated recall after scanning the first s candidates (cumulative[0] = 0). */
  private final double[] cumulative;
  private final float[] fractions;
  private float profileRho = Float.NaN;

  /**
   * Creates the model for {@code candidates} candidates.
   *
   * @param boundaries distances to the bisecting hyperplanes of candidates 1..candidates−1
   */
  public RecallEstimator(CapFractionTable table, Boundaries boundaries, int candidates, double recomputeThreshold) {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates: must be at least 1, was " + candidates);
    }
    this.table = table;
    this.boundaries = boundaries;
    this.candidates = candidates;
    this.recomputeThreshold = recomputeThreshold;
    this.cumulative = new double[candidates + 1];
    this.fractions = new float[candidates];
  }

  /** Estimated recall once the first {@code scanned} candidates are scanned, with search radius {@code rho}. */
  public double estimate(int scanned, float rho) {
    if (needsRecompute(rho)) {
      recompute(rho);
    }
    return cumulative[Math.min(scanned, candidates)];
  }

  /**
   * The smallest number of scanned candidates, at least {@code scanned}, whose estimate under the current profile
   * reaches {@code target} (all candidates if none does). Reads the profile only, so a batch can plan how far to
   * scan ahead without changing the decisions {@link #estimate} will make.
   */
  public int scansToReach(double target, int scanned) {
    int s = Math.max(1, Math.min(scanned, candidates));
    if (Float.isNaN(profileRho)) {
      return candidates;
    }
    if (profileRho == Float.POSITIVE_INFINITY) {
      // Fewer than k results so far: the profile is uniform and predicts nearly every candidate, which a batch
      // would then scan ahead for nothing. Ask for one more partition until a radius exists.
      return s;
    }
    while (s < candidates && cumulative[s] < target) {
      s++;
    }
    return s;
  }

  private boolean needsRecompute(float rho) {
    if (Float.isNaN(profileRho)) {
      return true;
    }
    if (profileRho == rho) {
      return false;
    }
    if (Float.isInfinite(profileRho) || Float.isInfinite(rho)) {
      return true;
    }
    return Math.abs(rho - profileRho) > recomputeThreshold * profileRho;
  }

  private void recompute(float rho) {
    profileRho = rho;
    double sum = 0;
    boolean bounded = rho != Float.POSITIVE_INFINITY;
    for (int j = 1; j < candidates; j++) {
      // A boundary at least ρ away cuts nothing off the ball; its lower bound often shows that for free.
      fractions[j] = bounded && boundaries.lowerBound(j) >= rho ? 0f
          : table.fraction(bounded ? boundaries.distance(j) : 0f, rho);
      sum += fractions[j];
    }
    if (sum == 0) {
      // No other boundary cuts the ball: every neighbour is in the nearest partition.
      java.util.Arrays.fill(cumulative, 1, candidates + 1, 1.0);
      return;
    }
    double p0 = 1;
    for (int j = 1; j < candidates; j++) {
      p0 *= 1 - fractions[j] / sum;
    }
    cumulative[1] = p0;
    double rest = 1 - p0;
    for (int j = 1; j < candidates; j++) {
      cumulative[j + 1] = cumulative[j] + rest * fractions[j] / sum;
    }
    // Rounding must not leave the full candidate set a hair under a target of 1.0.
    cumulative[candidates] = 1.0;
  }
}
