package dev.quiver.index.cluster;

import dev.quiver.index.kernel.RowPanels;
import dev.quiver.index.kernel.VectorKernels;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Assigns points to their nearest centroid (or their m nearest, for balanced k-means), in parallel over blocks of
 * points.
 *
 * <p>Nearest means smallest squared L2, computed as {@code ‖c‖² − 2⟨x, c⟩} (‖x‖² is the same for every centroid), so
 * the inner loop is the bulk inner-product kernel over a block of centroids small enough to stay in the L2 cache.
 * With {@code maximumInnerProduct} the nearest is instead the largest {@code ⟨x, c⟩} (inner-product indexes probe
 * that way, so they must assign that way too). Ties go to the smaller centroid index.
 */
public final class CentroidAssigner {

  /** Points per parallel task: large enough to amortise a task, small enough to balance two to 64 cores. */
  private static final int POINTS_PER_TASK = 512;
  /** Centroids per cache block: 512 × 128 floats = 256 KiB, about one core's L2. */
  private static final int CENTROID_BLOCK_BYTES = 256 * 1024;

  private final float[] centroids;
  private final int count;
  private final int dim;
  private final float[] halfNorms;
  private final boolean maximumInnerProduct;
  /**
   * The centroids transposed for {@link VectorKernels#dotPanel4} (a copy as large as the centroids), or null when
   * there are fewer than a panel holds and the 4 × 4 tiles serve ({@link #nearestInRangeTiled}).
   */
  private final RowPanels panels;

  /**
   * Creates an assigner over {@code count} row-major centroids of dimension {@code dim}.
   *
   * @param maximumInnerProduct true to pick the centroid of largest inner product instead of smallest L2
   */
  public CentroidAssigner(float[] centroids, int count, int dim, boolean maximumInnerProduct) {
    if (count < 1 || (long) count * dim != centroids.length) {
      throw new IllegalArgumentException("centroids: expected " + count + " × " + dim + " floats, got "
          + centroids.length);
    }
    this.centroids = centroids;
    this.count = count;
    this.dim = dim;
    this.maximumInnerProduct = maximumInnerProduct;
    this.panels = count >= VectorKernels.panelWidth() ? RowPanels.of(centroids, 0, count, dim) : null;
    this.halfNorms = new float[count];
    if (!maximumInnerProduct) {
      for (int c = 0; c < count; c++) {
        halfNorms[c] = 0.5f * VectorKernels.dot(centroids, c * dim, centroids, c * dim, dim);
      }
    }
  }

  /**
   * Assigns {@code n} row-major points; {@code assignment[i]} receives the nearest centroid of point i and, when
   * {@code scores} is not null, {@code scores[i]} its score ({@code ½‖c‖² − ⟨x, c⟩}, or {@code −⟨x, c⟩}).
   */
  public void assign(float[] points, int n, int[] assignment, float[] scores, ForkJoinPool pool) {
    nearest(points, n, 1, assignment, scores, pool);
  }

  /**
   * The {@code m} nearest centroids of each of {@code n} row-major points, nearest first (ties to the smaller index),
   * into {@code nearest[i·m … i·m + m)}, and their scores ({@code ½‖c‖² − ⟨x, c⟩}, or {@code −⟨x, c⟩}) into
   * {@code scores} likewise; with the same panels as {@link #assign} (balanced k-means's candidates, computed
   * one point at a time, took three times as long as a Lloyd iteration's assignment on Fashion-MNIST).
   *
   * @throws IllegalArgumentException if {@code m} is not between 1 and the number of centroids
   */
  public void nearest(float[] points, int n, int m, int[] nearest, float[] scores, ForkJoinPool pool) {
    if (m < 1 || m > count) {
      throw new IllegalArgumentException("m: must be between 1 and the " + count + " centroids, was " + m);
    }
    int tasks = (n + POINTS_PER_TASK - 1) / POINTS_PER_TASK;
    Runnable work = () -> IntStream.range(0, tasks).parallel().forEach(t -> {
      int from = t * POINTS_PER_TASK;
      nearestInRange(points, from, Math.min(n, from + POINTS_PER_TASK), m, nearest, scores);
    });
    pool.submit(work).join();
  }

  /** Single-point form of {@link #assign}: the nearest centroid of {@code point}. */
  public int nearest(float[] point) {
    float[] dots = new float[Math.min(count, blockRows())];
    float best = Float.POSITIVE_INFINITY;
    int bestIndex = 0;
    for (int start = 0; start < count; start += dots.length) {
      int rows = Math.min(dots.length, count - start);
      VectorKernels.dotBulk(point, centroids, start, rows, dots);
      for (int r = 0; r < rows; r++) {
        float s = score(start + r, dots[r]);
        if (s < best) {
          best = s;
          bestIndex = start + r;
        }
      }
    }
    return bestIndex;
  }

  private int blockRows() {
    return Math.max(4, CENTROID_BLOCK_BYTES / (Float.BYTES * dim));
  }

  private float score(int centroid, float dot) {
    return maximumInnerProduct ? -dot : halfNorms[centroid] - dot;
  }

  /**
   * The {@code m} nearest centroids of points {@code [from, to)}, nearest first, into {@code nearest[i·m …]} (and
   * their scores into {@code scores} when not null).
   */
  private void nearestInRange(float[] points, int from, int to, int m, int[] nearest, float[] scores) {
    if (panels == null) {
      nearestInRangeTiled(points, from, to, m, nearest, scores);
      return;
    }
    int pointsInRange = to - from;
    float[] best = new float[pointsInRange * m];
    java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
    int[] bestIndex = new int[pointsInRange * m];
    int width = panels.width();
    float[] dots = new float[4 * width];
    int panelsPerBlock = Math.max(1, blockRows() / width);
    // The last points of fewer than four go as a group of four with the last one repeated, so that every point's
    // scores come from the same kernel whichever group it falls in (a neighbourhood search groups points otherwise,
    // and must find the very scores of the full one when its neighbourhood holds every centroid).
    int groups = (pointsInRange + 3) / 4;
    float[] tail = tailGroup(points, from, pointsInRange);
    // Centroid block outermost: the block stays cache-resident while every point of the range visits it. Within it,
    // four points at a time meet a panel of centroids (see DistanceKernels.dotPanel4: no reductions, and on AVX2 no
    // spilled registers, where the 4 × 4 tile of before spilled); centroids are visited in increasing index order
    // for every point, so ties still go to the smaller index.
    for (int firstPanel = 0; firstPanel < panels.panels(); firstPanel += panelsPerBlock) {
      int lastPanel = Math.min(panels.panels(), firstPanel + panelsPerBlock);
      for (int g = 0; g < groups; g++) {
        int p = 4 * g;
        boolean last = g == groups - 1;
        float[] source = last ? tail : points;
        int row = last ? 0 : from + p;
        int inGroup = Math.min(4, pointsInRange - p);
        for (int panel = firstPanel; panel < lastPanel; panel++) {
          VectorKernels.dotPanel4(source, row, panels, panel, dots);
          int first = panel * width;
          int inPanel = Math.min(width, count - first);
          for (int i = 0; i < inGroup; i++) {
            int base = (p + i) * m;
            for (int j = 0; j < inPanel; j++) {
              keep(best, bestIndex, base, m, score(first + j, dots[i * width + j]), first + j);
            }
          }
        }
      }
    }
    System.arraycopy(bestIndex, 0, nearest, from * m, pointsInRange * m);
    if (scores != null) {
      System.arraycopy(best, 0, scores, from * m, pointsInRange * m);
    }
  }

  /**
   * {@link #nearestInRange} for fewer centroids than a panel holds (a neighbourhood's 16 with AVX-512's 32-wide
   * panels), where the padded panel wastes more than it saves: 0.88x the 4 × 4 tiles at 16 centroids of 384
   * dimensions (bench/RESULTS.md, issue 5). Its last points of fewer than four go as a group of four too, for the
   * reason given there.
   */
  private void nearestInRangeTiled(float[] points, int from, int to, int m, int[] nearest, float[] scores) {
    int pointsInRange = to - from;
    float[] best = new float[pointsInRange * m];
    java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
    int[] bestIndex = new int[pointsInRange * m];
    float[] tile = new float[16];
    int groups = (pointsInRange + 3) / 4;
    float[] tail = tailGroup(points, from, pointsInRange);
    int groupedRows = count / 4 * 4;
    for (int g = 0; g < groups; g++) {
      int p = 4 * g;
      boolean last = g == groups - 1;
      float[] source = last ? tail : points;
      int row = last ? 0 : from + p;
      int inGroup = Math.min(4, pointsInRange - p);
      for (int c = 0; c < groupedRows; c += 4) {
        VectorKernels.dotTile4x4(source, row, centroids, c, dim, tile);
        for (int i = 0; i < inGroup; i++) {
          for (int j = 0; j < 4; j++) {
            keep(best, bestIndex, (p + i) * m, m, score(c + j, tile[4 * i + j]), c + j);
          }
        }
      }
      for (int c = groupedRows; c < count; c++) {
        for (int i = 0; i < inGroup; i++) {
          float dot = VectorKernels.dot(source, (row + i) * dim, centroids, c * dim, dim);
          keep(best, bestIndex, (p + i) * m, m, score(c, dot), c);
        }
      }
    }
    System.arraycopy(bestIndex, 0, nearest, from * m, pointsInRange * m);
    if (scores != null) {
      System.arraycopy(best, 0, scores, from * m, pointsInRange * m);
    }
  }

  /** The last group of four points of {@code [from, from + n)}, its last point repeated where it has fewer. */
  private float[] tailGroup(float[] points, int from, int n) {
    float[] tail = new float[4 * dim];
    int first = (n + 3) / 4 * 4 - 4;
    for (int i = 0; i < 4; i++) {
      int point = from + Math.min(first + i, n - 1);
      System.arraycopy(points, point * dim, tail, i * dim, dim);
    }
    return tail;
  }

  /**
   * Keeps {@code score} of {@code centroid} among the {@code m} best from {@code base}, sorted ascending; an equal
   * score stays behind the earlier (smaller) centroid.
   */
  private static void keep(float[] best, int[] bestIndex, int base, int m, float score, int centroid) {
    int last = base + m - 1;
    if (!(score < best[last])) {
      return;
    }
    int pos = last;
    while (pos > base && best[pos - 1] > score) {
      best[pos] = best[pos - 1];
      bestIndex[pos] = bestIndex[pos - 1];
      pos--;
    }
    best[pos] = score;
    bestIndex[pos] = centroid;
  }
}
