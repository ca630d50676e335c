package dev.quiver.index.aps;

import java.util.Objects;

/**
 * Settings of Adaptive Partition Scanning that belong to an index rather than to one query (the query gives its
 * recall target in {@code SearchParams}). Defaults need no tuning per dataset; that is the point of APS.
 *
 * @param candidateFraction fraction f of the partitions that form a query's candidate set,
 *     {@code M = max(minCandidates, ⌊f·nlist⌋)}; in (0, 1]. Quake suggests 0.05–0.1; the default is 0.2 because
 *     on WordNet-MiniLM the nearest 10% of partitions hold only 98.6% of the true top-10, which caps any target
 *     above that, and a larger set costs only its centroid distances
 *     (bench/RESULTS.md). The calibration picks a count per target up to this one, and up to twice it for a target
 *     this set cannot reach (recall 0.99 at k = 100 on WordNet-MiniLM needs about 27% of the partitions)
 * @param minCandidates lower bound on M, so that small indexes still have a probability profile to work with
 *     (at most nlist is used); at least 1
 * @param recomputeThreshold relative change of the search radius ρ that triggers a recomputation of the
 *     probability profile (ALGORITHMS.md §2, step 5: ≈ 1%); in [0, 1)
 * @param capModel the hyperspherical-cap formula
 * @param modelDimension the dimension d in the cap fraction {@code ½·I_x((d+1)/2, ½)}: 0 (the default) calibrates
 *     it when the index is built, from a sample of the data (see {@code ApsCalibration}); a positive value fixes it
 *     (the vectors' own dimension gives the paper's model)
 */
public record ApsConfig(double candidateFraction, int minCandidates, double recomputeThreshold, CapModel capModel,
    int modelDimension) {

  /** Default candidate fraction. */
  public static final double DEFAULT_CANDIDATE_FRACTION = 0.2;
  /** Default lower bound on the candidate set. */
  public static final int DEFAULT_MIN_CANDIDATES = 16;
  /** Default recomputation threshold. */
  public static final double DEFAULT_RECOMPUTE_THRESHOLD = 0.01;
  /** The defaults; the cap model is the one calibration on the real datasets chose (bench/RESULTS.md). */
  public static final ApsConfig DEFAULT = new ApsConfig(DEFAULT_CANDIDATE_FRACTION, DEFAULT_MIN_CANDIDATES,
      DEFAULT_RECOMPUTE_THRESHOLD, CapModel.EXACT_VOLUME, 0);

  /** Validates every field. */
  public ApsConfig {
    if (!(candidateFraction > 0 && candidateFraction <= 1)) {
      throw new IllegalArgumentException("candidateFraction: must be in (0, 1], was " + candidateFraction);
    }
    if (minCandidates < 1) {
      throw new IllegalArgumentException("minCandidates: must be at least 1, was " + minCandidates);
    }
    if (!(recomputeThreshold >= 0 && recomputeThreshold < 1)) {
      throw new IllegalArgumentException("recomputeThreshold: must be in [0, 1), was " + recomputeThreshold);
    }
    Objects.requireNonNull(capModel, "capModel");
    if (modelDimension < 0) {
      throw new IllegalArgumentException("modelDimension: must be 0 (calibrate) or positive, was " + modelDimension);
    }
  }

  /** Size of the candidate set M for an index of {@code nlist} partitions. */
  public int candidates(int nlist) {
    return Math.min(nlist, Math.max(minCandidates, (int) Math.floor(candidateFraction * nlist)));
  }

  /** A copy with another cap model. */
  public ApsConfig withCapModel(CapModel value) {
    return new ApsConfig(candidateFraction, minCandidates, recomputeThreshold, value, modelDimension);
  }

  /** A copy with another candidate fraction. */
  public ApsConfig withCandidateFraction(double value) {
    return new ApsConfig(value, minCandidates, recomputeThreshold, capModel, modelDimension);
  }

  /** A copy with a fixed model dimension, or 0 to calibrate at build time. */
  public ApsConfig withModelDimension(int value) {
    return new ApsConfig(candidateFraction, minCandidates, recomputeThreshold, capModel, value);
  }
}
