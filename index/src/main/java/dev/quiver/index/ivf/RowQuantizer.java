package dev.quiver.index.ivf;

/**
 * 8-bit scalar quantization of a partition's rows, for the first pass of a quantized scan: component d of a row is
 * stored as a signed code c ∈ [−127, 127] with decoding x̂_d = offset_d + scale_d·c, the offsets and scales set per
 * dimension from the range of the rows it was trained on. Immutable and shared by every partition of an index.
 *
 * <p>Why: a partition scan of float rows streams 4·d bytes a row and, at 1M × 128, is bound by memory bandwidth,
 * so two threads splitting one query gained 1.4–1.6× rather than 2× (bench/RESULTS.md, issue 3). The codes are a
 * quarter of those bytes. Answers stay exact: each row also keeps its quantization error e = ‖x − x̂‖ (rounded up),
 * and by the triangle inequality ‖q − x‖ ≥ ‖q − x̂‖ − e and ⟨q, x⟩ ≤ ⟨q, x̂⟩ + ‖q‖·e, so a row whose bound cannot
 * enter the top k is skipped and every other row is scored again from its float components, as a plain scan would.
 * A row outside the trained range (an insert after the build) is clamped and only has a larger e: it is rescored
 * more often, never lost.
 */
final class RowQuantizer {

  /** The largest code magnitude; −128 is unused so that the code range is symmetric about the offset. */
  static final int LEVELS = 127;

  private final float[] offset;
  private final float[] scale;

  private RowQuantizer(float[] offset, float[] scale) {
    this.offset = offset;
    this.scale = scale;
  }

  /** A quantizer for {@code n} rows of {@code dim} components in {@code data}: each dimension's midrange and step. */
  static RowQuantizer train(float[] data, int n, int dim) {
    float[] min = new float[dim];
    float[] max = new float[dim];
    java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int o = i * dim;
      for (int d = 0; d < dim; d++) {
        float x = data[o + d];
        min[d] = Math.min(min[d], x);
        max[d] = Math.max(max[d], x);
      }
    }
    float[] offset = new float[dim];
    float[] scale = new float[dim];
    for (int d = 0; d < dim; d++) {
      if (n == 0) {
        scale[d] = 1f;
        continue;
      }
      offset[d] = (float) (((double) min[d] + max[d]) / 2);
      double step = ((double) max[d] - min[d]) / (2 * LEVELS);
      // A constant dimension decodes exactly at its offset with any step; 1 keeps the codes' arithmetic finite.
      scale[d] = step > 0 ? (float) step : 1f;
    }
    return new RowQuantizer(offset, scale);
  }

  int dim() {
    return offset.length;
  }

  /** Offsets per dimension; not to be modified. */
  float[] offset() {
    return offset;
  }

  /** Steps per dimension; not to be modified. */
  float[] scale() {
    return scale;
  }

  /**
   * Writes the codes of the row at {@code source[sourceOffset..+dim)} to {@code codes[codeOffset..+dim)}; returns
   * its quantization error ‖x − x̂‖, computed in double and rounded up to a float so that it bounds the true one.
   */
  float encode(float[] source, int sourceOffset, byte[] codes, int codeOffset) {
    int dim = offset.length;
    double squaredError = 0;
    for (int d = 0; d < dim; d++) {
      double x = source[sourceOffset + d];
      long code = Math.round((x - offset[d]) / scale[d]);
      code = Math.max(-LEVELS, Math.min(LEVELS, code));
      codes[codeOffset + d] = (byte) code;
      double residual = x - ((double) offset[d] + (double) scale[d] * code);
      squaredError += residual * residual;
    }
    return Math.nextUp((float) Math.sqrt(squaredError));
  }

  /** Relative rounding slack of the float kernels over {@code dim} components (first pass and rescoring alike). */
  static double roundingSlack(int dim) {
    return (dim + 16) * 0x1p-23;
  }
}
