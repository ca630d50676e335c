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
 */
public record ModelDimensions(double[] targets, int[] dimensions) {

  /** Checks that the arrays are parallel, non-empty, ascending and positive. */
  public ModelDimensions {
    if (targets.length == 0 || targets.length != dimensions.length) {
      throw new IllegalArgumentException("targets, dimensions: must be non-empty and parallel, were "
          + targets.length + " and " + dimensions.length);
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
    return new ModelDimensions(new double[] {1.0}, new int[] {dimension});
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
    }
    return text.toString();
  }
}
