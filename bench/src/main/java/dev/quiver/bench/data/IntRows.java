package dev.quiver.bench.data;

/**
 * A block of int vectors (typically ground-truth neighbour ids) stored row-major in one flat array, as read from or
 * written to an ivecs file.
 *
 * @param values components, row-major; exactly {@code count * dim} long
 * @param count number of rows
 * @param dim components per row (for ground truth: neighbours per query)
 */
public record IntRows(int[] values, int count, int dim) {

  /** Checks that the array holds exactly {@code count × dim} components. */
  public IntRows {
    if (count < 0 || dim <= 0) {
      throw new IllegalArgumentException("rows: count must be >= 0 and dim > 0, were " + count + " and " + dim);
    }
    if ((long) count * dim != values.length) {
      throw new IllegalArgumentException("rows: " + count + " × " + dim + " components expected, array holds "
          + values.length);
    }
  }
}
