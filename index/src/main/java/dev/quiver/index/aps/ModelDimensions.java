package dev.quiver.index.aps;

import java.util.Arrays;

/**
 * The dimension APS's cap-fraction model uses, per recall target: calibrated on the data at build time (one
 * dimension per calibration target), or one fixed dimension for every target.
 *
 * <p>A query's target maps to the dimension calibrated for the smallest calibration target at or above it, so the
 * model is never less cautious than calibration showed necessary; above the highest calibration target the most
 * cautious dimension is used.
 *
 * @param targets calibration targets, ascending
 * @param dimensions model dimension for each target, parallel to {@code targets}
 * @param candidates how many nearest partitions APS considers for each target, parallel to {@code targets}; 0 means
 *     the configured candidate fraction. Calibrated with the dimension: the tail of a large candidate set holds
 *     many small cap fractions that flatten the model's profile, so low targets are better served by fewer
 *     candidates and only high targets need many (bench/RESULTS.md, "the candidate set's tail").
 */
public record ModelDimensions(double[] targets, int[] dimensions, int[] candidates) {

  /** Checks that the arrays are parallel, non-empty, ascending and positive. */
  public ModelDimensions {
    if (targets.length == 0 || targets.length != dimensions.length || targets.length != candidates.length) {
      throw new IllegalArgumentException("targets, dimensions, candidates: must be non-empty and parallel, were "
          + targets.length + ", " + dimensions.length + " and " + candidates.length);
    }
    for (int c : candidates) {
      if (c < 0) {
        throw new IllegalArgumentException("candidates: must be 0 (the default) or positive: "
            + Arrays.toString(candidates));
      }
    }
    for (int i = 0; i < targets.length; i++) {
      if (dimensions[i] < 1 || (i > 0 && targets[i] <= targets[i - 1])) {
        throw new IllegalArgumentException("targets must ascend and dimensions be positive: "
            + Arrays.toString(targets) + " " + Arrays.toString(dimensions));
      }
    }
  }

  /** One dimension for every target. */
  public static ModelDimensions fixed(int dimension) {
    return new ModelDimensions(new double[] {1.0}, new int[] {dimension}, new int[] {0});
  }

  /** Dimensions per target with the configured candidate count for every target. */
  public ModelDimensions(double[] targets, int[] dimensions) {
    this(targets, dimensions, new int[targets.length]);
  }

  /**
   * The number of candidates calibrated for {@code target} (0: the configured default), from the smallest
   * calibration target at or above it; above the highest, the largest count calibrated.
   */
  public int candidatesFor(double target) {
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] >= target - 1e-9) {
        return candidates[i];
      }
    }
    int most = 0;
    for (int c : candidates) {
      if (c == 0) {
        return 0;
      }
      most = Math.max(most, c);
    }
    return most;
  }

  /** The model dimension for a query's recall target. */
  public int dimensionFor(double target) {
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] >= target - 1e-9) {
        return dimensions[i];
      }
    }
    int mostCautious = dimensions[0];
    for (int d : dimensions) {
      mostCautious = Math.min(mostCautious, d);
    }
    return mostCautious;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < targets.length; i++) {
      text.append(i == 0 ? "" : ", ").append(targets[i]).append("→d").append(dimensions[i]);
      if (candidates[i] > 0) {
        text.append("/c").append(candidates[i]);
      }
    }
    return text.toString();
  }
}
