package dev.quiver.index.kernel;

/**
 * Portable kernels in plain Java: the fallback when the Vector API module is absent, and the reference the Vector API
 * kernels are tested against.
 */
final class ScalarKernels implements DistanceKernels {

  static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    // Four accumulators break the add dependency chain, so the loop is bound by loads rather than add latency.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < dim; i += 4) {
      float d0 = a[aOffset + i] - b[bOffset + i];
      float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
      float d2 = a[aOffset + i + 2] - b[bOffset + i + 2];
      float d3 = a[aOffset + i + 3] - b[bOffset + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < dim; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < dim; i += 4) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < dim; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float cosine(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    float ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < dim; i++) {
      float x = a[aOffset + i];
      float y = b[bOffset + i];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    return cosineOf(ab, aa, bb);
  }

  static float cosineOf(float ab, float aa, float bb) {
    double denominator = Math.sqrt((double) aa * (double) bb);
    return denominator == 0 ? 0f : (float) (ab / denominator);
  }

  @Override
  public void squaredL2Bulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = squaredL2(query, 0, block, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void dotBulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(query, 0, block, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void dotTile4x4(float[] a, int aRow, float[] b, int bRow, int dim, float[] out) {
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        out[4 * i + j] = dot(a, (aRow + i) * dim, b, (bRow + j) * dim, dim);
      }
    }
  }

  /** Sixteen rows per panel: the width of two AVX2 registers, so that layouts agree where it matters least. */
  static final int PANEL_WIDTH = 16;

  @Override
  public int panelWidth() {
    return PANEL_WIDTH;
  }

  @Override
  public void dotPanel4(float[] a, int aRow, float[] panels, int panel, int dim, float[] out) {
    int base = panel * dim * PANEL_WIDTH;
    for (int i = 0; i < 4; i++) {
      int q = (aRow + i) * dim;
      for (int j = 0; j < PANEL_WIDTH; j++) {
        float sum = 0f;
        for (int k = 0; k < dim; k++) {
          sum += a[q + k] * panels[base + k * PANEL_WIDTH + j];
        }
        out[i * PANEL_WIDTH + j] = sum;
      }
    }
  }

  @Override
  public int positionsAtMost(float[] scores, int n, float threshold, int[] out) {
    int found = 0;
    int capacity = out.length;
    for (int i = 0; i < n; i++) {
      if (scores[i] <= threshold) {
        if (found < capacity) {
          out[found] = i;
        }
        found++;
      }
    }
    return found;
  }

  @Override
  public void squaredL2Codes(float[] center, float[] scale, byte[] codes, int firstRow, int rows, int dim,
      float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      float sum = 0f;
      for (int d = 0; d < dim; d++) {
        float x = Math.fma(scale[d], codes[o + d], center[d]);
        sum = Math.fma(x, x, sum);
      }
      out[r] = sum;
    }
  }

  @Override
  public void dotCodes(float[] weight, byte[] codes, int firstRow, int rows, int dim, float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      float sum = 0f;
      for (int d = 0; d < dim; d++) {
        sum = Math.fma(weight[d], codes[o + d], sum);
      }
      out[r] = sum;
    }
  }
}
