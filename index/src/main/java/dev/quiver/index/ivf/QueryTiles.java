package dev.quiver.index.ivf;

import dev.quiver.index.kernel.RowPanels;
import dev.quiver.index.kernel.VectorKernels;

/**
 * Scores several queries against a run of rows in 4 × 4 tiles of inner products ({@link VectorKernels#dotTile4x4}):
 * 4 queries × 4 rows share each load, one multiply-add per pair. An L2 score is {@code ‖q‖² + ‖x‖² − 2⟨q, x⟩}
 * (floored at 0), as Faiss's exact search computes it; an inner-product score is {@code −⟨q, x⟩}; smaller is nearer
 * either way. Scores differ from the per-query kernels' in the last bits only. Shared by the calibration's pass over
 * every partition ({@link PartitionScanner#scanMany}) and a batch's centroid scoring ({@link FlatCentroidIndex}).
 */
final class QueryTiles {

  private QueryTiles() {}

  /**
   * Writes into {@code scores[q][0, rows)} the scores of queries {@code [0, count)} against rows
   * {@code [start, start + rows)} of {@code block}.
   *
   * @param packed the queries, row-major, {@code count × dim} floats
   * @param queryNorms ‖q‖² of each query (read for L2 only)
   * @param rowNorms ‖x‖² of each row of {@code block}, indexed as its rows are (read for L2 only)
   * @param l2 true for squared L2, false for negated inner products
   */
  static void score(float[] packed, float[] queryNorms, int count, float[] block, float[] rowNorms, int start,
      int rows, int dim, boolean l2, float[][] scores) {
    float[] tile = new float[16];
    int groupedQueries = count / 4 * 4;
    int groupedRows = rows / 4 * 4;
    for (int q = 0; q < groupedQueries; q += 4) {
      for (int r = 0; r < groupedRows; r += 4) {
        VectorKernels.dotTile4x4(packed, q, block, start + r, dim, tile);
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            scores[q + i][r + j] = fromDot(l2, queryNorms[q + i], rowNorms[start + r + j], tile[4 * i + j]);
          }
        }
      }
    }
    // The rows past the last group of four for grouped queries, then every row for the last queries.
    for (int q = 0; q < count; q++) {
      for (int r = q < groupedQueries ? groupedRows : 0; r < rows; r++) {
        float dot = VectorKernels.dot(packed, q * dim, block, (start + r) * dim, dim);
        scores[q][r] = fromDot(l2, queryNorms[q], rowNorms[start + r], dot);
      }
    }
  }

  /**
   * Writes into {@code scores[i][0, panels.rows())} the scores of the four queries of {@code group} (row-major,
   * {@code 4 × dim}) against every row of {@code panels}, one {@link VectorKernels#dotPanel4} per panel.
   * Why a second form: against a fixed set of rows read by many groups (a batch's centroids) the transposed layout
   * pays its copy once, and its kernel keeps every accumulator in a register where the 4 × 4 tile spills on AVX2:
   * 1.19–1.64x faster than {@link #score} over 1,000 queries at 4,000 × 128, 980 × 784 and 1,312 × 384 on an idle
   * AVX-512 machine (bench/RESULTS.md, issue 3, "Batched search: transposed centroid panels …"). Running every
   * group over a cache-sized range of panels before the next range was slower still, so the pass is plain.
   *
   * @param groupNorms ‖q‖² of each query of the group (read for L2 only)
   * @param rowNorms ‖x‖² of each row (read for L2 only)
   */
  static void scorePanels(float[] group, float[] groupNorms, RowPanels panels, float[] rowNorms, boolean l2,
      float[][] scores) {
    int width = panels.width();
    int rows = panels.rows();
    float[] dots = new float[4 * width];
    for (int p = 0; p < panels.panels(); p++) {
      VectorKernels.dotPanel4(group, 0, panels, p, dots);
      int firstRow = p * width;
      int inPanel = Math.min(width, rows - firstRow);
      for (int i = 0; i < 4; i++) {
        float[] row = scores[i];
        float queryNorm = groupNorms[i];
        for (int j = 0; j < inPanel; j++) {
          row[firstRow + j] = fromDot(l2, queryNorm, rowNorms[firstRow + j], dots[i * width + j]);
        }
      }
    }
  }

  /**
   * ε, a bound on how far a score from these tiles or panels lies from the per-query kernels' score of the same
   * pair: {@code 4·d·2⁻²⁴·(‖q‖ + ‖x‖)²} for L2, {@code 4·d·2⁻²⁴·‖q‖·‖x‖} for inner products, twice the classic bound
   * on a float sum of d products (each side's error is within the classic bound, in any summation order).
   *
   * @param rowNorm ‖x‖, or the largest ‖x‖ of the rows the bound must cover
   */
  static double errorBound(boolean l2, int dim, double queryNorm, double rowNorm) {
    double unit = 4.0 * dim * Math.ulp(1.0f) / 2; // 4·d·2⁻²⁴
    return l2 ? unit * (queryNorm + rowNorm) * (queryNorm + rowNorm) : unit * queryNorm * rowNorm;
  }

  /** A score from an inner product: squared L2 by the norms (never below 0), or its negation. */
  private static float fromDot(boolean l2, float queryNorm, float rowNorm, float dot) {
    return l2 ? Math.max(0f, queryNorm + rowNorm - 2 * dot) : -dot;
  }
}
