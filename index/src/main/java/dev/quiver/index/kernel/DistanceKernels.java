package dev.quiver.index.kernel;

/**
 * One implementation of the distance kernels: scalar or Vector API. Callers go through {@link VectorKernels}, which
 * checks arguments once; implementations trust them and never allocate.
 *
 * <p>Vectors are addressed as (array, offset) so that a row of a contiguous row-major block is a kernel argument
 * without a copy. The bulk forms compare one query against {@code rows} contiguous rows starting at row
 * {@code firstRow} of {@code block} and write one value per row into {@code out[0..rows)}.
 */
public interface DistanceKernels {

  /** Name reported in logs and benchmarks ({@code panama} or {@code scalar}). */
  String name();

  /** Squared Euclidean distance of {@code dim} components. */
  float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /** Inner product of {@code dim} components. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /** Cosine similarity; 0 when either vector has zero norm (so that no NaN ever leaves a kernel). */
  float cosine(float[] a, int aOffset, float[] b, int bOffset, int dim);

  /** Squared L2 distances from {@code query} to {@code rows} contiguous rows of {@code block}. */
  void squaredL2Bulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out);

  /** Inner products of {@code query} with {@code rows} contiguous rows of {@code block}. */
  void dotBulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out);

  /**
   * Inner products of four rows of {@code a} (rows {@code aRow..aRow+3}) with four rows of {@code b}: writes
   * {@code out[4·i + j] = ⟨a_{aRow+i}, b_{bRow+j}⟩}. The register-blocked building block of k-means assignment,
   * where every point meets every centroid.
   */
  void dotTile4x4(float[] a, int aRow, float[] b, int bRow, int dim, float[] out);

  /**
   * Centroids per panel of the transposed layout {@link #dotPanel4} reads: rows are stored in panels of this many,
   * dimension-major within a panel ({@code panels[(p·dim + k)·width + j]} is component k of row {@code p·width + j}),
   * so that one vector load holds one component of many rows. Two vector registers' worth of floats.
   */
  int panelWidth();

  /**
   * Inner products of four rows of {@code a} (rows {@code aRow..aRow+3}, row-major) with the {@link #panelWidth()}
   * rows of panel {@code panel} of {@code panels}: writes {@code out[i·width + j] = ⟨a_{aRow+i}, row p·width + j⟩}.
   * Why a second tile: each step broadcasts one component of each query and multiplies it into a whole register of
   * rows, so the accumulators hold finished inner products (no lane reductions) and four queries × two registers of
   * rows fit the 16 vector registers of AVX2, where the 4 × 4 tile's 24 live vectors spill. The sums run over the
   * components in order, so they differ from the other kernels' in the last bits only.
   */
  void dotPanel4(float[] a, int aRow, float[] panels, int panel, int dim, float[] out);

  /**
   * Positions, in increasing order, of the scores in {@code scores[0..n)} at or below {@code threshold}: writes the
   * first {@code out.length} of them into {@code out} and returns how many there are in all (so a result above
   * {@code out.length} means some were not written). A NaN score is never at or below anything. The filter that
   * precedes a selection of a few of many scores (centroid candidates), where most scores are above the threshold.
   */
  int positionsAtMost(float[] scores, int n, float threshold, int[] out);

  /**
   * Squared norms of the affine decodings of {@code rows} contiguous rows of 8-bit codes:
   * {@code out[r] = Σ_d (scale[d]·codes[(firstRow + r)·dim + d] + center[d])²}. With {@code center = offset − q} this
   * is ‖x̂ − q‖², the squared L2 distance from q to the row's decoding x̂ = offset + scale·code: the first pass of
   * a quantized scan ({@code dev.quiver.index.ivf.RowQuantizer}), a quarter of the bytes of the float rows.
   */
  void squaredL2Codes(float[] center, float[] scale, byte[] codes, int firstRow, int rows, int dim, float[] out);

  /**
   * Weighted sums of {@code rows} contiguous rows of 8-bit codes: {@code out[r] = Σ_d weight[d]·codes[(firstRow +
   * r)·dim + d]}. With {@code weight = q·scale} this is ⟨q, x̂⟩ less the constant ⟨q, offset⟩.
   */
  void dotCodes(float[] weight, byte[] codes, int firstRow, int rows, int dim, float[] out);
}
