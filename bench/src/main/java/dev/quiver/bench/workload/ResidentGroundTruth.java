package dev.quiver.bench.workload;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GroundTruth;
import dev.quiver.bench.data.ProgressReporter;
import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;

/**
 * Exact top-k of a batch of queries over the vectors resident at that moment (Ada-IVF §5.1.2: ground truth follows
 * the changing set, not the whole dataset).
 *
 * <p>The resident rows are gathered in ascending id order into one contiguous block and handed to
 * {@link GroundTruth#compute}, the blocked, multi-threaded brute force used for static datasets; gathering costs one
 * pass over the resident vectors, small next to scoring every query against them. Ascending order makes the tie
 * rule "smaller row first" mean "smaller id first". For {@link Metric#COSINE} the gathered rows and the queries are
 * normalised first, since the scan ranks by inner product, so the answer is right even for unnormalised input.
 */
final class ResidentGroundTruth {

  private ResidentGroundTruth() {}

  /**
   * Computes the {@code k} nearest resident ids of each of {@code count} queries.
   *
   * @return {@code count × k} ids, query-major, nearest first
   */
  static long[] compute(FloatRows base, ClusterPool resident, float[] queries, int count, Metric metric, int k) {
    int dim = base.dim();
    int residentCount = resident.total();
    float[] gathered = new float[residentCount * dim];
    long[] idOfRow = new long[residentCount];
    int row = 0;
    for (int id = 0; id < base.count(); id++) {
      if (resident.contains(id)) {
        System.arraycopy(base.values(), id * dim, gathered, row * dim, dim);
        idOfRow[row++] = id;
      }
    }
    float[] queryCopy = queries.clone();
    if (metric.normalizes()) {
      normaliseRows(gathered, residentCount, dim);
      normaliseRows(queryCopy, count, dim);
    }
    int[] rows = GroundTruth.compute(new FloatRows(gathered, residentCount, dim),
        new FloatRows(queryCopy, count, dim), metric, k, ProgressReporter.SILENT).values();
    long[] ids = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = rows[i] < 0 ? -1 : idOfRow[rows[i]];
    }
    return ids;
  }

  /** Scales every non-zero row to unit length; a zero row has no direction and scores 0 against everything. */
  private static void normaliseRows(float[] values, int count, int dim) {
    for (int r = 0; r < count; r++) {
      if (VectorKernels.dot(values, r * dim, values, r * dim, dim) > 0) {
        VectorKernels.normalizeInPlace(values, r * dim, dim);
      }
    }
  }
}
