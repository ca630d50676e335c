package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.CandidateSink;
import dev.quiver.index.search.TopKCollector;
import java.util.concurrent.locks.StampedLock;

/**
 * Scans partitions for one query into a top-k collector: the bulk kernel over blocks of rows into a scratch array,
 * then only the rows that can enter the top k touch the heap. One scanner per thread; not thread-safe.
 */
final class PartitionScanner {

  /** Rows per kernel call: 256 scores fit in L1 next to the rows being read. */
  static final int BLOCK_ROWS = 256;

  private final Metric metric;
  private final float[] blockScores = new float[BLOCK_ROWS];

  PartitionScanner(Metric metric) {
    this(metric, true);
  }

  /**
   * A scanner that records its scans in the partitions' access counts, or ({@code counting} false) one whose scans
   * are not user traffic (calibration) and must not move the statistics maintenance reads.
   */
  PartitionScanner(Metric metric, boolean counting) {
    this.metric = metric;
    this.counting = counting;
  }

  private final boolean counting;

  /** Scans every row of {@code partition} under its read lock; returns the number of rows compared. */
  int scan(Partition partition, float[] query, CandidateSink top) {
    return scan(partition, query, top, null);
  }

  /**
   * Scans every row of {@code partition}, offering only rows whose id passes {@code filter} (null: every row). The
   * filter runs only for rows whose score could still enter the top k, so a costly predicate (a row lookup and a SQL
   * condition) is evaluated for a small fraction of the rows scanned.
   */
  int scan(Partition partition, float[] query, CandidateSink top, IdFilter filter) {
    if (counting) {
      partition.recordAccess();
    }
    if (partition.quantizer() != null) {
      return scanQuantized(partition, query, top, filter);
    }
    StampedLock lock = partition.lock();
    long stamp = lock.readLock();
    try {
      float[] vectors = partition.vectorsUnlocked();
      long[] ids = partition.idsUnlocked();
      int size = partition.sizeUnlocked();
      for (int start = 0; start < size; start += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, size - start);
        score(query, vectors, start, rows);
        if (filter == null) {
          top.offerAll(blockScores, ids, start, rows);
        } else {
          offerFiltered(top, ids, start, rows, filter);
        }
      }
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * {@link #scan} of a partition that keeps codes: the first pass scores the 8-bit codes (a quarter of the float
   * rows' bytes), and only a row whose lower bound on the exact score is at or below the current k-th score is scored
   * again from its float components and offered. The bound (L2: ‖q − x‖ ≥ ‖q − x̂‖ − e; inner product and cosine:
   * −⟨q, x⟩ ≥ −⟨q, x̂⟩ − ‖q‖·e, e the row's quantization error; both less the kernels' rounding slack) never exceeds
   * the exact score, so a row skipped could not have entered, and the rows offered carry the float kernel's scores:
   * the results are the plain scan's.
   */
  private int scanQuantized(Partition partition, float[] query, CandidateSink top, IdFilter filter) {
    RowQuantizer quantizer = partition.quantizer();
    int dim = query.length;
    boolean l2 = metric == Metric.L2;
    float[] offset = quantizer.offset();
    float[] scale = quantizer.scale();
    if (queryTerms == null || queryTerms.length != dim) {
      queryTerms = new float[dim];
    }
    double slack = RowQuantizer.roundingSlack(dim);
    // L2: center = offset − q, whose norm bounds the first pass's rounding; block scores are ‖q − x̂‖². Inner
    // product: weight = −q·scale, so block scores are −⟨q, x̂⟩ + ⟨q, offset⟩ (smaller is nearer, as scores are), and
    // Σ|q_d|·(|offset_d| + 127·scale_d) ≥ Σ|q_d·x̂_d| bounds both kernels' rounding.
    double constant = 0;
    double magnitude = 0;
    double queryLength = 0;
    for (int d = 0; d < dim; d++) {
      if (l2) {
        queryTerms[d] = offset[d] - query[d];
        magnitude += (double) queryTerms[d] * queryTerms[d];
      } else {
        queryTerms[d] = -query[d] * scale[d];
        constant += (double) query[d] * offset[d];
        magnitude += Math.abs(query[d]) * (Math.abs((double) offset[d]) + RowQuantizer.LEVELS * (double) scale[d]);
        queryLength += (double) query[d] * query[d];
      }
    }
    double roundingMargin = l2 ? slack * Math.sqrt(magnitude) : 2 * slack * magnitude;
    queryLength = Math.sqrt(queryLength);
    StampedLock lock = partition.lock();
    long stamp = lock.readLock();
    try {
      float[] vectors = partition.vectorsUnlocked();
      long[] ids = partition.idsUnlocked();
      byte[] codes = partition.codesUnlocked();
      float[] errors = partition.codeErrorsUnlocked();
      double largestError = partition.maxCodeErrorUnlocked();
      int size = partition.sizeUnlocked();
      for (int start = 0; start < size; start += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, size - start);
        if (l2) {
          VectorKernels.squaredL2Codes(queryTerms, scale, codes, start, rows, blockScores);
        } else {
          VectorKernels.dotCodes(queryTerms, codes, start, rows, blockScores);
        }
        float worst = top.worstScore();
        // The rows whose first-pass score is at most what any row's bound allows at the largest error: a vector
        // compare over the block, so the per-row bound below is worked out for those few rows only.
        int candidates = VectorKernels.positionsAtMost(blockScores, rows,
            blockThreshold(l2, worst, largestError, slack, roundingMargin, constant, queryLength), blockPositions);
        for (int c = 0; c < candidates; c++) {
          int r = blockPositions[c];
          int row = start + r;
          double bound;
          if (l2) {
            double reach = Math.sqrt(Math.max(0, blockScores[r])) * (1 - slack) - errors[row] - roundingMargin;
            bound = reach <= 0 ? 0 : reach * reach * (1 - slack);
          } else {
            bound = blockScores[r] - constant - queryLength * errors[row] * (1 + slack) - roundingMargin;
          }
          if (bound > worst) {
            continue;
          }
          float exact = exactScore(query, vectors, row);
          if (exact <= worst && (filter == null || filter.test(ids[row])) && top.offer(ids[row], exact)) {
            worst = top.worstScore();
          }
        }
      }
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * The largest first-pass score whose row's bound can be at or below {@code worst} for a row error up to
   * {@code largestError}: the per-row bound of {@link #scanQuantized} solved for the score, rounded up to a float.
   */
  private static float blockThreshold(boolean l2, float worst, double largestError, double slack,
      double roundingMargin, double constant, double queryLength) {
    if (worst == Float.POSITIVE_INFINITY) {
      return Float.POSITIVE_INFINITY;
    }
    double threshold;
    if (l2) {
      double reach = (Math.sqrt(Math.max(0, worst) / (1 - slack)) + largestError + roundingMargin) / (1 - slack);
      threshold = reach * reach;
    } else {
      threshold = worst + constant + queryLength * largestError * (1 + slack) + roundingMargin;
    }
    float rounded = (float) threshold;
    return rounded >= threshold ? rounded : Math.nextUp(rounded);
  }

  private final int[] blockPositions = new int[BLOCK_ROWS];

  /** Per-dimension query terms of the quantized first pass, reused across scans (one scanner per thread). */
  private float[] queryTerms;
  private final float[] oneScore = new float[1];

  /**
   * The plain scan's score of row {@code row}: the same bulk kernel on one row, so the same rounding; what the shared
   * and the quantized scans rescore with.
   */
  private float exactScore(float[] query, float[] vectors, int row) {
    if (metric == Metric.L2) {
      VectorKernels.squaredL2Bulk(query, vectors, row, 1, oneScore);
      return oneScore[0];
    }
    VectorKernels.dotBulk(query, vectors, row, 1, oneScore);
    return -oneScore[0];
  }

  /**
   * Scans every row of {@code partition} for each of {@code queries} into its own collector, with the results
   * {@link #scan} would give each (ids and scores alike), for a batch's queries that want the same partition.
   * Returns the number of rows compared per query.
   *
   * <p>Why: a batched search scanned a partition once per query that wanted it, each time with the per-query kernel
   * (a subtraction and a multiply-add per component, and a lane reduction per row); that was half a batch's time at
   * low targets (bench/RESULTS.md, issue 3). Here a tile of rows is scored against four queries at a time in 4 × 4
   * tiles of inner products ({@link QueryTiles#score}), and only rows whose tile score is within ε
   * ({@link QueryTiles#errorBound}) of the query's current k-th score are rescored with the per-query kernel and
   * offered. A row skipped scores above the k-th by the kernel too, so it could never have entered, and a collector
   * keeps the k smallest (score, id) pairs in any order of offers: the results are {@link #scan}'s.
   */
  int scanGroup(Partition partition, float[][] queries, TopKCollector[] tops) {
    int count = queries.length;
    if (counting) {
      for (int q = 0; q < count; q++) {
        partition.recordAccess();
      }
    }
    int dim = queries[0].length;
    float[] queryNorms = new float[count];
    float[] packed = pack(queries, queryNorms);
    double[] queryLengths = new double[count];
    for (int q = 0; q < count; q++) {
      queryLengths[q] = Math.sqrt(queryNorms[q]);
    }
    int tileRows = tileRows(dim);
    float[][] approx = new float[count][tileRows];
    boolean l2 = metric == Metric.L2;
    StampedLock lock = partition.lock();
    long stamp = lock.readLock();
    try {
      float[] vectors = partition.vectorsUnlocked();
      long[] ids = partition.idsUnlocked();
      float[] rowNorms = partition.squaredNormsUnlocked();
      int size = partition.sizeUnlocked();
      for (int start = 0; start < size; start += tileRows) {
        int rows = Math.min(tileRows, size - start);
        float largest = 0;
        for (int r = start; r < start + rows; r++) {
          largest = Math.max(largest, rowNorms[r]);
        }
        double maxLength = Math.sqrt(largest);
        QueryTiles.score(packed, queryNorms, count, vectors, rowNorms, start, rows, dim, l2, approx);
        for (int q = 0; q < count; q++) {
          TopKCollector top = tops[q];
          float[] query = queries[q];
          float[] tile = approx[q];
          double epsilon = QueryTiles.errorBound(l2, dim, queryLengths[q], maxLength);
          float worst = top.worstScore();
          double limit = worst + epsilon;
          for (int r = 0; r < rows; r++) {
            if (tile[r] > limit) {
              continue;
            }
            float exact = exactScore(query, vectors, start + r);
            // As offerAll: a candidate above the k-th (or the ceiling) never reaches the heap.
            if (exact <= worst && top.offer(ids[start + r], exact)) {
              worst = top.worstScore();
              limit = worst + epsilon;
            }
          }
        }
      }
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Receives one tile's scores for one query of {@link #scanMany}. */
  interface TileScores {
    /**
     * {@code scores[0, rows)} are the scores (smaller is nearer) of the rows {@code ids[start, start + rows)} for
     * {@code queries[query]}; the array is reused for the next tile.
     */
    void accept(int query, float[] scores, long[] ids, int start, int rows);
  }

  /**
   * Scores every row of {@code partition} against each of {@code queries}, a tile of rows at a time: a tile is read
   * from memory once and then scored against every query from cache, where scanning the partition once per query
   * would stream it from memory each time. For many exact searches at once (APS calibration); a single search
   * scans row by row because it streams.
   *
   * <p>Within a tile, rows are scored in 4 × 4 tiles of inner products ({@link QueryTiles}): one query against a row
   * at a time made two loads per multiply-add, and this pass was most of a recalibration's time (bench/RESULTS.md,
   * issue 5). Scores differ from {@link #scan}'s in the last bits only.
   */
  void scanMany(Partition partition, float[][] queries, TileScores sink) {
    if (counting) {
      partition.recordAccess();
    }
    int count = queries.length;
    int dim = queries[0].length;
    float[] queryNorms = new float[count];
    float[] packed = pack(queries, queryNorms);
    int tileRows = tileRows(dim);
    float[][] scores = new float[count][tileRows];
    boolean l2 = metric == Metric.L2;
    StampedLock lock = partition.lock();
    long stamp = lock.readLock();
    try {
      float[] vectors = partition.vectorsUnlocked();
      long[] ids = partition.idsUnlocked();
      float[] rowNorms = partition.squaredNormsUnlocked();
      int size = partition.sizeUnlocked();
      for (int start = 0; start < size; start += tileRows) {
        int rows = Math.min(tileRows, size - start);
        QueryTiles.score(packed, queryNorms, count, vectors, rowNorms, start, rows, dim, l2, scores);
        for (int q = 0; q < count; q++) {
          sink.accept(q, scores[q], ids, start, rows);
        }
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Floats in one tile of {@link #scanMany}: 64 KiB, so a tile and the queries' segments stay in L2. */
  private static final int TILE_FLOATS = 16_384;

  /** Rows per tile of {@link #scanMany} and {@link #scanGroup} at dimension {@code dim}. */
  private static int tileRows(int dim) {
    return Math.max(1, Math.min(BLOCK_ROWS, TILE_FLOATS / dim));
  }

  /** The queries row-major in one array, for the tiles; writes ‖q‖² of each into {@code norms}. */
  private static float[] pack(float[][] queries, float[] norms) {
    int dim = queries[0].length;
    float[] packed = new float[queries.length * dim];
    for (int q = 0; q < queries.length; q++) {
      System.arraycopy(queries[q], 0, packed, q * dim, dim);
      norms[q] = VectorKernels.dot(packed, q * dim, packed, q * dim, dim);
    }
    return packed;
  }

  /** Scores rows {@code [start, start + rows)} of {@code vectors} into {@code blockScores}: smaller is nearer. */
  private void score(float[] query, float[] vectors, int start, int rows) {
    if (metric == Metric.L2) {
      VectorKernels.squaredL2Bulk(query, vectors, start, rows, blockScores);
    } else {
      VectorKernels.dotBulk(query, vectors, start, rows, blockScores);
      for (int r = 0; r < rows; r++) {
        blockScores[r] = -blockScores[r];
      }
    }
  }

  private void offerFiltered(CandidateSink top, long[] ids, int start, int rows, IdFilter filter) {
    float worst = top.worstScore();
    for (int r = 0; r < rows; r++) {
      float score = blockScores[r];
      if (score <= worst && filter.test(ids[start + r]) && top.offer(ids[start + r], score)) {
        worst = top.worstScore();
      }
    }
  }
}
