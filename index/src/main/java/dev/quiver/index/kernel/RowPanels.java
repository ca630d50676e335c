package dev.quiver.index.kernel;

/**
 * A run of rows copied into the transposed layout of {@link DistanceKernels#dotPanel4}: panels of {@link #width()}
 * rows, dimension-major within a panel, the last panel padded with zero rows. Immutable once built.
 *
 * <p>Why a type of its own: the panel width is the active implementation's (two vector registers), so a layout built
 * for one implementation is wrong for the other; {@link VectorKernels#dotPanel4} checks the width it was built with.
 */
public final class RowPanels {

  private final float[] data;
  private final int rows;
  private final int dim;
  private final int width;

  private RowPanels(float[] data, int rows, int dim, int width) {
    this.data = data;
    this.rows = rows;
    this.dim = dim;
    this.width = width;
  }

  /** Rows {@code [firstRow, firstRow + rows)} of the row-major {@code block} in the active implementation's layout. */
  public static RowPanels of(float[] block, int firstRow, int rows, int dim) {
    return of(block, firstRow, rows, dim, VectorKernels.panelWidth());
  }

  static RowPanels of(float[] block, int firstRow, int rows, int dim, int width) {
    if (dim < 1 || firstRow < 0 || rows < 0 || (long) (firstRow + rows) * dim > block.length) {
      throw new IllegalArgumentException("block: rows [" + firstRow + ", " + ((long) firstRow + rows)
          + ") of dimension " + dim + " are outside a block of " + block.length + " floats");
    }
    int panels = (rows + width - 1) / width;
    float[] data = new float[Math.multiplyExact(Math.multiplyExact(panels, dim), width)];
    for (int r = 0; r < rows; r++) {
      int source = (firstRow + r) * dim;
      int target = (r / width) * dim * width + r % width;
      for (int k = 0; k < dim; k++) {
        data[target + k * width] = block[source + k];
      }
    }
    return new RowPanels(data, rows, dim, width);
  }

  /** Rows held, not counting the zero padding of the last panel. */
  public int rows() {
    return rows;
  }

  /** Components per row. */
  public int dim() {
    return dim;
  }

  /** Rows per panel. */
  public int width() {
    return width;
  }

  /** Panels held: {@code ⌈rows / width⌉}. */
  public int panels() {
    return (rows + width - 1) / width;
  }

  float[] data() {
    return data;
  }
}
