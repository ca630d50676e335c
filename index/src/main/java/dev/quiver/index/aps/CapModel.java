package dev.quiver.index.aps;

/**
 * Which hyperspherical-cap formula APS uses for the probability that a neighbour lies beyond a partition boundary
 * (ALGORITHMS.md §2, step 3). With {@code t = h/ρ} the boundary's distance over the search radius:
 */
public enum CapModel {
  /**
   * The exact volume fraction of a d-ball cut off by a hyperplane at distance h from its centre:
   * {@code ½·I_x((d+1)/2, ½)} with {@code x = 1 − t²} (the Quake paper's formula).
   */
  EXACT_VOLUME,
  /** The public Quake code's variant: the same with {@code x = √(1 − t²)}, a larger (more cautious) estimate. */
  SQRT_VARIANT;

  /** The argument x of the incomplete beta function for {@code t = h/ρ} in [0, 1]. */
  double betaArgument(double t) {
    double x = 1 - t * t;
    return this == EXACT_VOLUME ? x : Math.sqrt(x);
  }
}
