package dev.quiver.index.kernel;

import java.util.Locale;

/**
 * The one entry point to the distance kernels: checks arguments, then delegates to the implementation chosen once
 * at start-up.
 *
 * <p>The choice is the Vector API implementation when the {@code jdk.incubator.vector} module is in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}), else the scalar one; the system property
 * {@value #KERNELS_PROPERTY} ({@code auto}, {@code panama} or {@code scalar}) overrides it, and any other value is
 * rejected. The choice is logged once; a fallback to scalar is logged as a warning with its remedy.
 */
public final class VectorKernels {

  /** System property that forces an implementation: {@code auto} (default), {@code panama} or {@code scalar}. */
  public static final String KERNELS_PROPERTY = "quiver.kernels";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final System.Logger LOG = System.getLogger(VectorKernels.class.getName());
  private static final DistanceKernels IMPL = choose(System.getProperty(KERNELS_PROPERTY, "auto"));

  private VectorKernels() {}

  /** Name of the implementation in use: {@code panama} or {@code scalar}. */
  public static String implementationName() {
    return IMPL.name();
  }

  /** Whether the Vector API module is present in this JVM. */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /**
   * Returns a named implementation, for benchmarks and agreement tests that compare the two side by side.
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException for {@code panama} when the Vector API module is absent
   */
  public static DistanceKernels implementation(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "scalar" -> ScalarKernels.INSTANCE;
      case "panama" -> {
        if (!vectorApiAvailable()) {
          throw new IllegalStateException("kernels: 'panama' needs the Vector API; start the JVM with --add-modules "
              + VECTOR_MODULE);
        }
        yield PanamaKernels.INSTANCE;
      }
      default -> throw new IllegalArgumentException(
          KERNELS_PROPERTY + ": unknown value '" + name + "'; use auto, panama or scalar");
    };
  }

  static DistanceKernels choose(String requested) {
    String value = requested.trim().toLowerCase(Locale.ROOT);
    if (value.equals("auto")) {
      if (vectorApiAvailable()) {
        DistanceKernels impl = PanamaKernels.INSTANCE;
        LOG.log(System.Logger.Level.INFO, "Quiver distance kernels: panama ({0} float lanes)",
            PanamaKernels.lanes());
        return impl;
      }
      LOG.log(System.Logger.Level.WARNING, "Quiver distance kernels: scalar fallback, the Vector API is not "
          + "available; pass --add-modules " + VECTOR_MODULE + " to the java command for SIMD kernels");
      return ScalarKernels.INSTANCE;
    }
    DistanceKernels impl = implementation(value);
    LOG.log(System.Logger.Level.INFO, "Quiver distance kernels: {0} (forced by -D{1})", impl.name(),
        KERNELS_PROPERTY);
    return impl;
  }

  /** Squared Euclidean distance between {@code a} and {@code b}. */
  public static float squaredL2(float[] a, float[] b) {
    checkSameLength(a, b);
    return IMPL.squaredL2(a, 0, b, 0, a.length);
  }

  /** Squared Euclidean distance between {@code dim} components of {@code a} at {@code aOffset} and {@code b} at {@code bOffset}. */
  public static float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    checkRange("a", a, aOffset, dim);
    checkRange("b", b, bOffset, dim);
    return IMPL.squaredL2(a, aOffset, b, bOffset, dim);
  }

  /** Inner product of {@code a} and {@code b}. */
  public static float dot(float[] a, float[] b) {
    checkSameLength(a, b);
    return IMPL.dot(a, 0, b, 0, a.length);
  }

  /** Inner product of {@code dim} components of {@code a} at {@code aOffset} and {@code b} at {@code bOffset}. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    checkRange("a", a, aOffset, dim);
    checkRange("b", b, bOffset, dim);
    return IMPL.dot(a, aOffset, b, bOffset, dim);
  }

  /** Cosine similarity of {@code a} and {@code b}; 0 when either has zero norm. */
  public static float cosine(float[] a, float[] b) {
    checkSameLength(a, b);
    return IMPL.cosine(a, 0, b, 0, a.length);
  }

  /**
   * Squared L2 distances from {@code query} (its whole length is the dimension) to {@code rows} contiguous rows of
   * the row-major {@code block}, starting at row {@code firstRow}; writes {@code out[0..rows)}.
   */
  public static void squaredL2Bulk(float[] query, float[] block, int firstRow, int rows, float[] out) {
    checkBulk(query, block, firstRow, rows, out);
    IMPL.squaredL2Bulk(query, block, firstRow, rows, query.length, out);
  }

  /** Inner products of {@code query} with {@code rows} contiguous rows of {@code block}; see {@link #squaredL2Bulk}. */
  public static void dotBulk(float[] query, float[] block, int firstRow, int rows, float[] out) {
    checkBulk(query, block, firstRow, rows, out);
    IMPL.dotBulk(query, block, firstRow, rows, query.length, out);
  }

  /**
   * Squared L2 distances from a query to the decodings of {@code rows} contiguous rows of 8-bit codes (dimension
   * {@code center.length}): {@code out[r] = Σ_d (scale[d]·code + center[d])²}, with {@code center = offset − q}.
   */
  public static void squaredL2Codes(float[] center, float[] scale, byte[] codes, int firstRow, int rows,
      float[] out) {
    int dim = center.length;
    if (scale.length != dim) {
      throw new IllegalArgumentException("scale: length " + scale.length + " differs from center's " + dim);
    }
    checkCodes(dim, codes, firstRow, rows, out);
    IMPL.squaredL2Codes(center, scale, codes, firstRow, rows, dim, out);
  }

  /**
   * Weighted sums {@code out[r] = Σ_d weight[d]·code} of {@code rows} contiguous rows of 8-bit codes (dimension
   * {@code weight.length}).
   */
  public static void dotCodes(float[] weight, byte[] codes, int firstRow, int rows, float[] out) {
    checkCodes(weight.length, codes, firstRow, rows, out);
    IMPL.dotCodes(weight, codes, firstRow, rows, weight.length, out);
  }

  /**
   * Inner products of rows {@code aRow..aRow+3} of {@code a} with rows {@code bRow..bRow+3} of {@code b}, both
   * row-major with dimension {@code dim}: {@code out[4·i + j] = ⟨a_{aRow+i}, b_{bRow+j}⟩}.
   */
  public static void dotTile4x4(float[] a, int aRow, float[] b, int bRow, int dim, float[] out) {
    checkRange("a", a, aRow * dim, 4 * dim);
    checkRange("b", b, bRow * dim, 4 * dim);
    if (out.length < 16) {
      throw new IllegalArgumentException("out: length " + out.length + " is less than 16");
    }
    IMPL.dotTile4x4(a, aRow, b, bRow, dim, out);
  }

  /**
   * Positions, in increasing order, of the scores in {@code scores[0..n)} at or below {@code threshold}; writes the
   * first {@code out.length} of them into {@code out} and returns how many there are in all.
   */
  public static int positionsAtMost(float[] scores, int n, float threshold, int[] out) {
    if (n < 0 || n > scores.length) {
      throw new IllegalArgumentException("n: " + n + " is outside [0, " + scores.length + "]");
    }
    return IMPL.positionsAtMost(scores, n, threshold, out);
  }

  /** Rows per panel of the active implementation's transposed layout ({@link RowPanels}). */
  public static int panelWidth() {
    return IMPL.panelWidth();
  }

  /**
   * Inner products of rows {@code aRow..aRow+3} of the row-major {@code a} with the rows of panel {@code panel} of
   * {@code panels}: {@code out[i·width + j] = ⟨a_{aRow+i}, row panel·width + j⟩}, 0 for the padding rows past
   * {@link RowPanels#rows()}.
   *
   * @throws IllegalArgumentException when a range is outside its array, or the panels were built for another
   *     implementation's width
   */
  public static void dotPanel4(float[] a, int aRow, RowPanels panels, int panel, float[] out) {
    int dim = panels.dim();
    checkRange("a", a, aRow * dim, 4 * dim);
    if (panels.width() != IMPL.panelWidth()) {
      throw new IllegalArgumentException("panels: built " + panels.width() + " rows wide, but the " + IMPL.name()
          + " kernels read " + IMPL.panelWidth() + "; build them with RowPanels.of");
    }
    if (panel < 0 || panel >= panels.panels()) {
      throw new IllegalArgumentException("panel: " + panel + " is outside [0, " + panels.panels() + ")");
    }
    if (out.length < 4 * panels.width()) {
      throw new IllegalArgumentException("out: length " + out.length + " is less than " + 4 * panels.width());
    }
    IMPL.dotPanel4(a, aRow, panels.data(), panel, dim, out);
  }

  /** Euclidean norm of {@code v}. */
  public static float norm(float[] v) {
    return (float) Math.sqrt(IMPL.dot(v, 0, v, 0, v.length));
  }

  /**
   * Scales {@code v} in place to unit length.
   *
   * @throws IllegalArgumentException if {@code v} has zero norm, which has no direction to keep
   */
  public static void normalizeInPlace(float[] v) {
    normalizeInPlace(v, 0, v.length);
  }

  /** Scales {@code dim} components of {@code v} at {@code offset} to unit length; see {@link #normalizeInPlace(float[])}. */
  public static void normalizeInPlace(float[] v, int offset, int dim) {
    checkRange("v", v, offset, dim);
    double norm = Math.sqrt(IMPL.dot(v, offset, v, offset, dim));
    if (norm == 0) {
      throw new IllegalArgumentException("vector: has zero norm, so it has no cosine direction; "
          + "use a non-zero vector or the L2 metric");
    }
    float scale = (float) (1.0 / norm);
    for (int i = 0; i < dim; i++) {
      v[offset + i] *= scale;
    }
  }

  private static void checkSameLength(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector dimensions differ: a has " + a.length + ", b has " + b.length);
    }
  }

  private static void checkRange(String name, float[] v, int offset, int dim) {
    if (dim < 0 || offset < 0 || (long) offset + dim > v.length) {
      throw new IllegalArgumentException(name + ": range [" + offset + ", " + ((long) offset + dim)
          + ") is outside an array of length " + v.length);
    }
  }

  private static void checkBulk(float[] query, float[] block, int firstRow, int rows, float[] out) {
    int dim = query.length;
    if (firstRow < 0 || rows < 0 || (long) (firstRow + rows) * dim > block.length) {
      throw new IllegalArgumentException("block: rows [" + firstRow + ", " + (firstRow + rows) + ") of dimension "
          + dim + " are outside a block of " + block.length + " floats");
    }
    if (out.length < rows) {
      throw new IllegalArgumentException("out: length " + out.length + " is less than rows " + rows);
    }
  }

  private static void checkCodes(int dim, byte[] codes, int firstRow, int rows, float[] out) {
    if (firstRow < 0 || rows < 0 || (long) (firstRow + rows) * dim > codes.length) {
      throw new IllegalArgumentException("codes: rows [" + firstRow + ", " + (firstRow + rows) + ") of dimension "
          + dim + " are outside a block of " + codes.length + " bytes");
    }
    if (out.length < rows) {
      throw new IllegalArgumentException("out: length " + out.length + " is less than rows " + rows);
    }
  }
}
