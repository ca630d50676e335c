package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.TopKCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact nearest neighbours of every query, by brute force over the whole base, used as the reference for recall.
 *
 * <p>Scores follow {@link Metric}: squared L2 for {@code L2}, the negated inner product for {@code INNER_PRODUCT}
 * and {@code COSINE} (cosine data is stored normalised, so its inner product is the cosine); smaller is nearer.
 * Equal scores rank the smaller base row first, so the result is a pure function of the data.
 *
 * <p>Work is parallel over groups of queries on the common fork-join pool (all cores). Each group walks the base in
 * blocks of about {@value #BLOCK_BYTES} bytes and scores the whole block for every query of the group with the bulk
 * kernels before moving on, so a block is read from memory once per group rather than once per query: for
 * 10M × 128 that turns ~5 GB of memory traffic per query into ~5 GB per {@value #MAX_QUERY_GROUP} queries.
 */
public final class GroundTruth {

  /** Neighbours kept per query: recall is measured at k ≤ 100. */
  public static final int DEFAULT_K = 100;
  /** Bytes of base vectors scored per block: fits in a core's L2 cache alongside the group's queries. */
  static final int BLOCK_BYTES = 1 << 20;
  /** Most queries that share one pass over the base. */
  static final int MAX_QUERY_GROUP = 64;

  private GroundTruth() {}

  /**
   * Computes the {@code min(k, base.count())} nearest base rows of every query.
   *
   * @return one row per query, neighbour ids (base row indices) nearest first; -1 pads a row only if NaN components
   *     made fewer base rows comparable
   * @throws IllegalArgumentException if the dimensions differ, the base is empty or {@code k} is not positive
   */
  public static IntRows compute(FloatRows base, FloatRows queries, Metric metric, int k, ProgressReporter progress) {
    if (base.dim() != queries.dim()) {
      throw new IllegalArgumentException("dimensions differ: base has " + base.dim() + ", queries have "
          + queries.dim());
    }
    if (base.count() == 0) {
      throw new IllegalArgumentException("base: is empty, so no query has neighbours");
    }
    if (k <= 0) {
      throw new IllegalArgumentException("k: must be positive, was " + k);
    }
    int depth = Math.min(k, base.count());
    int queryCount = queries.count();
    int[] ids = new int[queryCount * depth];
    // Enough groups to keep every core busy on small query sets, at most MAX_QUERY_GROUP queries per base pass.
    int cores = Runtime.getRuntime().availableProcessors();
    int group = Math.clamp(Math.ceilDiv(queryCount, cores * 4), 1, MAX_QUERY_GROUP);
    int groups = Math.ceilDiv(queryCount, group);
    IntStream.range(0, groups).parallel().forEach(g -> {
      int first = g * group;
      int n = Math.min(group, queryCount - first);
      scoreGroup(base, queries, metric, depth, first, n, ids);
      progress.advance(n);
    });
    return new IntRows(ids, queryCount, depth);
  }

  /** Whether {@code gtFile} exists and neither input file was modified after it. */
  public static boolean isFresh(Path gtFile, Path baseFile, Path queryFile) throws IOException {
    if (!Files.isRegularFile(gtFile)) {
      return false;
    }
    FileTime gt = Files.getLastModifiedTime(gtFile);
    return Files.getLastModifiedTime(baseFile).compareTo(gt) <= 0
        && Files.getLastModifiedTime(queryFile).compareTo(gt) <= 0;
  }

  /** Scores queries {@code [first, first + n)} against the whole base, one base block at a time. */
  private static void scoreGroup(FloatRows base, FloatRows queries, Metric metric, int depth, int first, int n,
      int[] ids) {
    int dim = base.dim();
    float[] baseValues = base.values();
    float[][] query = new float[n][];
    TopKCollector[] best = new TopKCollector[n];
    for (int i = 0; i < n; i++) {
      query[i] = Arrays.copyOfRange(queries.values(), (first + i) * dim, (first + i + 1) * dim);
      best[i] = new TopKCollector(depth, true); // each base row is offered once: skip the duplicate check
    }
    int blockRows = Math.max(1, BLOCK_BYTES / (dim * Float.BYTES));
    float[] scores = new float[blockRows];
    boolean l2 = metric == Metric.L2;
    for (int start = 0; start < base.count(); start += blockRows) {
      int rows = Math.min(blockRows, base.count() - start);
      for (int i = 0; i < n; i++) {
        if (l2) {
          VectorKernels.squaredL2Bulk(query[i], baseValues, start, rows, scores);
        } else {
          VectorKernels.dotBulk(query[i], baseValues, start, rows, scores);
          for (int r = 0; r < rows; r++) {
            scores[r] = 0f - scores[r]; // larger dot is nearer; 0f - x also turns -0.0 into +0.0 for stable ties
          }
        }
        offerBlock(best[i], scores, start, rows);
      }
    }
    for (int i = 0; i < n; i++) {
      long[] sorted = best[i].sortedIds();
      int row = (first + i) * depth;
      Arrays.fill(ids, row, row + depth, -1);
      for (int j = 0; j < sorted.length; j++) {
        ids[row + j] = (int) sorted[j];
      }
    }
  }

  private static void offerBlock(TopKCollector best, float[] scores, int start, int rows) {
    float worst = best.worstScore();
    for (int r = 0; r < rows; r++) {
      // Most rows are strictly worse than the k-th best once warmed up; equal scores go on to the id tie-break.
      if (scores[r] <= worst && best.offer(start + r, scores[r])) {
        worst = best.worstScore();
      }
    }
  }
}
