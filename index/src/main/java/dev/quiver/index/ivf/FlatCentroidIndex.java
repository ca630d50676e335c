package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.RowPanels;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SmallestSelector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Exact centroid search: one bulk kernel pass over all centroids, then top-m selection. Thread-safe. */
final class FlatCentroidIndex implements CentroidIndex {

  private final Metric metric;
  private final float[] centroids;
  private final int count;
  private final ThreadLocal<float[]> scratch;
  private final ThreadLocal<SmallestSelector> selectors = ThreadLocal.withInitial(SmallestSelector::new);

  /** ‖c‖² of each centroid and the largest ‖c‖, for batches ({@link #nearest(float[][], int)}). */
  private final float[] squaredNorms;
  private final float maxNorm;

  /** The centroids in the kernels' transposed layout, built by the first batch ({@link #panels()}). */
  private volatile RowPanels panels;

  FlatCentroidIndex(Metric metric, float[] centroids, int count) {
    this.metric = metric;
    this.centroids = centroids;
    this.count = count;
    this.scratch = ThreadLocal.withInitial(() -> new float[count]);
    int dim = count == 0 ? 0 : centroids.length / count;
    this.squaredNorms = new float[count];
    float largest = 0;
    for (int c = 0; c < count; c++) {
      squaredNorms[c] = VectorKernels.dot(centroids, c * dim, centroids, c * dim, dim);
      largest = Math.max(largest, (float) Math.sqrt(squaredNorms[c]));
    }
    this.maxNorm = largest;
  }

  @Override
  public Candidates nearest(float[] query, int m) {
    float[] scores = scratch.get();
    score(query, 0, count, scores);
    int wanted = Math.min(m, count);
    int[] partitions = new int[wanted];
    float[] selected = new float[wanted];
    selectors.get().select(scores, count, wanted, partitions, selected);
    return new Candidates(partitions, selected);
  }

  /** Scores centroids {@code [from, from + rows)} into {@code out[0, rows)}: squared L2, or negated inner products. */
  private void score(float[] query, int from, int rows, float[] out) {
    if (metric == Metric.L2) {
      VectorKernels.squaredL2Bulk(query, centroids, from, rows, out);
    } else {
      VectorKernels.dotBulk(query, centroids, from, rows, out);
      for (int i = 0; i < rows; i++) {
        out[i] = -out[i];
      }
    }
  }

  /**
   * Centroid floats (centroids × dimension) below which one query's centroid pass stays on one thread: 2^17 floats
   * are about 16,000 vector multiply-adds, some ten microseconds, against a hand-off of a few (ScanWorkers).
   */
  static final long MIN_PARALLEL_FLOATS = 1L << 17;

  /**
   * The centroid pass of one query split into {@code 2·threads} ranges that the calling thread and
   * {@code threads − 1} helpers claim in turn: each range is scored and reduced to its own m smallest, and the
   * calling thread selects the m smallest of those. Why: on 1M × 128 (4,000 centroids) the centroid pass was a third
   * of a query at recall 0.9, and run serially it capped two threads' speed-up near 1.4x (bench/RESULTS.md, issue 3).
   * Twice as many ranges as threads, so that a helper that starts late costs at most a small range's wait; a range
   * a helper holds for longer than {@link AdaptivePartitionScan#PATIENCE_NANOS} (its core taken by another process)
   * the calling thread scores itself. Scores are the same kernel's as the serial pass's and the order is the same
   * (score, index) order, so the candidates are identical.
   */
  @Override
  public Candidates nearest(float[] query, int m, int threads) {
    int dim = count == 0 ? 0 : centroids.length / count;
    int wanted = Math.min(m, count);
    int ranges = 2 * threads;
    if (threads < 2 || wanted < 1 || (long) count * dim < MIN_PARALLEL_FLOATS || count < ranges) {
      return nearest(query, m);
    }
    SplitPass pass = new SplitPass(query, wanted, ranges);
    for (int helper = 1; helper < threads; helper++) {
      ScanWorkers.pool().execute(pass::work);
    }
    pass.work();
    long[] keys = new long[ranges * wanted];
    int kept = 0;
    for (int r = 0; r < ranges; r++) {
      long[] range = pass.await(r);
      System.arraycopy(range, 0, keys, kept, range.length);
      kept += range.length;
    }
    int[] partitions = new int[wanted];
    float[] selected = new float[wanted];
    SmallestSelector.selectKeys(keys, kept, wanted, partitions, selected);
    return new Candidates(partitions, selected);
  }

  /** One query's split centroid pass: ranges claimed in order; a range's result is whichever finished first. */
  private final class SplitPass {
    final float[] query;
    final int wanted;
    final int ranges;
    final AtomicInteger nextRange = new AtomicInteger();
    /** Range r's m smallest keys ({@link SmallestSelector#smallestKeys}), set once, by whichever thread finished. */
    final AtomicReferenceArray<long[]> results;

    SplitPass(float[] query, int wanted, int ranges) {
      this.query = query;
      this.wanted = wanted;
      this.ranges = ranges;
      this.results = new AtomicReferenceArray<>(ranges);
    }

    /** Claims and scores ranges until none is left. */
    void work() {
      for (int r = nextRange.getAndIncrement(); r < ranges; r = nextRange.getAndIncrement()) {
        results.compareAndSet(r, null, scoreRange(r));
      }
    }

    /** Range r's keys: waits for the helper that claimed it, or after a while scores it on this thread instead. */
    long[] await(int r) {
      long[] keys = results.get(r);
      long since = System.nanoTime();
      while (keys == null) {
        if (System.nanoTime() - since > AdaptivePartitionScan.PATIENCE_NANOS) {
          results.compareAndSet(r, null, scoreRange(r));
        } else {
          Thread.onSpinWait();
        }
        keys = results.get(r);
      }
      return keys;
    }

    private long[] scoreRange(int r) {
      int from = (int) ((long) count * r / ranges);
      int to = (int) ((long) count * (r + 1) / ranges);
      float[] scores = new float[to - from];
      score(query, from, to - from, scores);
      long[] keys = new long[scores.length];
      int kept = SmallestSelector.smallestKeys(scores, scores.length, wanted, from, keys);
      return java.util.Arrays.copyOf(keys, kept);
    }
  }

  /**
   * The same candidates as {@link #nearest(float[], int)} per query, for a fraction of the arithmetic: all centroids
   * are first scored against four queries at a time from inner products over the transposed centroids
   * ({@link QueryTiles#scorePanels}: one multiply-add per pair where the per-query kernel spends a subtraction and a
   * multiply-add, with no reductions), then only the centroids whose panel score can still place them among the m
   * nearest are rescored with the per-query kernel, and the m chosen from those by the same (score, index) order.
   * Why: planning a batch scored every centroid once per query, most of a batched search's work at low targets
   * (Fashion-MNIST: 980 centroids × 784 dimensions per query, against about 200 rows scanned at a 0.8 target), and
   * batching saved nothing there (bench/RESULTS.md, issue 3).
   *
   * <p>Why the results are identical: a panel score differs from the per-query kernel's score by at most ε
   * ({@link QueryTiles#errorBound} with max‖c‖). If T is the m-th smallest panel score, m centroids score at most
   * T + ε by the kernel, so each of the kernel's m nearest has a panel score of at most T + 2ε: rescoring exactly
   * those keeps every one of them, with the kernel's own values.
   */
  @Override
  public Candidates[] nearest(float[][] queries, int m) {
    int wanted = Math.min(m, count);
    if (queries.length < 4 || wanted < 1 || wanted >= count) {
      return CentroidIndex.super.nearest(queries, m);
    }
    int dim = centroids.length / count;
    boolean l2 = metric == Metric.L2;
    Candidates[] out = new Candidates[queries.length];
    float[] group = new float[4 * dim];
    float[] groupNorms = new float[4];
    float[][] approx = new float[4][count];
    RowPanels transposed = panels();
    SmallestSelector selector = selectors.get();
    int[] kept = new int[count];
    for (int first = 0; first < queries.length; first += 4) {
      int size = Math.min(4, queries.length - first);
      for (int i = 0; i < 4; i++) { // a last group of fewer than four repeats its last query
        System.arraycopy(queries[first + Math.min(i, size - 1)], 0, group, i * dim, dim);
        groupNorms[i] = VectorKernels.dot(group, i * dim, group, i * dim, dim);
      }
      QueryTiles.scorePanels(group, groupNorms, transposed, squaredNorms, l2, approx);
      for (int i = 0; i < size; i++) {
        double queryNorm = Math.sqrt(groupNorms[i]);
        double epsilon = QueryTiles.errorBound(l2, dim, queryNorm, maxNorm);
        out[first + i] = exactAmong(queries[first + i], approx[i], wanted, epsilon, selector, kept);
      }
    }
    return out;
  }

  /**
   * The transposed centroids, built once on first use: a copy as large as the centroids, which only batches read.
   * Two threads racing to build them build equal copies, and either may stay.
   */
  private RowPanels panels() {
    RowPanels built = panels;
    if (built == null) {
      built = RowPanels.of(centroids, 0, count, centroids.length / count);
      panels = built;
    }
    return built;
  }

  /** The per-query kernel's m nearest, rescoring only the centroids whose panel score is within 2ε of the m-th. */
  private Candidates exactAmong(float[] query, float[] approx, int wanted, double epsilon,
      SmallestSelector selector, int[] kept) {
    double limit = (double) selector.mthSmallest(approx, count, wanted) + 2 * epsilon;
    // The float at or just above the limit: a panel score is at most it exactly when it is at most the limit, or
    // equals it (one more centroid rescored, harmless).
    float bound = (float) limit;
    if (bound < limit) {
      bound = Math.nextUp(bound);
    }
    // In index order, so a tie still goes to the smaller index; kept holds every centroid, so all are written.
    int keptCount = VectorKernels.positionsAtMost(approx, count, bound, kept);
    float[] exact = new float[keptCount];
    float[] one = new float[1];
    for (int r = 0; r < keptCount; r++) { // the bulk kernels one-by-one search scores with, a row at a time
      if (metric == Metric.L2) {
        VectorKernels.squaredL2Bulk(query, centroids, kept[r], 1, one);
        exact[r] = one[0];
      } else {
        VectorKernels.dotBulk(query, centroids, kept[r], 1, one);
        exact[r] = -one[0];
      }
    }
    int[] positions = new int[wanted];
    float[] scores = new float[wanted];
    selector.select(exact, keptCount, wanted, positions, scores);
    int[] partitions = new int[wanted];
    for (int i = 0; i < wanted; i++) {
      partitions[i] = kept[positions[i]];
    }
    return new Candidates(partitions, scores);
  }

  @Override
  public int levels() {
    return 1;
  }
}
