package dev.quiver.bench.data;

/**
 * A block of float vectors stored row-major in one flat array, as read from or written to an fvecs/bvecs file.
 *
 * <p>Row {@code i} occupies {@code values[i * dim .. (i + 1) * dim)}. The array is shared, not copied: callers own it
 * once they have it.
 *
 * @param values components, row-major; exactly {@code count * dim} long
 * @param count number of rows (vectors)
 * @param dim components per row
 */
public record FloatRows(float[] values, int count, int dim) {

  /** Checks that the array holds exactly {@code count × dim} components. */
  public FloatRows {
    if (count < 0 || dim <= 0) {
      throw new IllegalArgumentException("rows: count must be >= 0 and dim > 0, were " + count + " and " + dim);
    }
    if ((long) count * dim != values.length) {
      throw new IllegalArgumentException("rows: " + count + " × " + dim + " components expected, array holds "
          + values.length);
    }
  }
}
