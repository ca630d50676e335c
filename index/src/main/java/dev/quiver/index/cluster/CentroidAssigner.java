package dev.quiver.index.cluster;

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
   * {@code scores} likewise; with the same 4 × 4 tiles as {@link #assign} (balanced k-means's candidates, computed
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
    int pointsInRange = to - from;
    float[] best = new float[pointsInRange * m];
    java.util.Arrays.fill(best, Float.POSITIVE_INFINITY);
    int[] bestIndex = new int[pointsInRange * m];
    float[] tile = new float[16];
    float[] query = new float[dim];
    int blockRows = blockRows();
    float[] dots = new float[Math.min(count, blockRows)];
    int groupedPoints = pointsInRange / 4 * 4;
    // Centroid block outermost: the block stays cache-resident while every point of the range visits it. Within it,
    // 4 × 4 tiles of (points, centroids) keep the FMA units busy (see DistanceKernels.dotTile4x4); centroids are
    // visited in increasing index order for every point, so ties still go to the smaller index.
    for (int start = 0; start < count; start += blockRows) {
      int rows = Math.min(blockRows, count - start);
      int groupedRows = rows / 4 * 4;
      for (int p = 0; p < groupedPoints; p += 4) {
        for (int c = 0; c < groupedRows; c += 4) {
          VectorKernels.dotTile4x4(points, from + p, centroids, start + c, dim, tile);
          for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
              keep(best, bestIndex, (p + i) * m, m, score(start + c + j, tile[4 * i + j]), start + c + j);
            }
          }
        }
        for (int c = groupedRows; c < rows; c++) {
          for (int i = 0; i < 4; i++) {
            keep(best, bestIndex, (p + i) * m, m, score(start + c, VectorKernels.dot(points, (from + p + i) * dim,
                centroids, (start + c) * dim, dim)), start + c);
          }
        }
      }
      for (int p = groupedPoints; p < pointsInRange; p++) {
        System.arraycopy(points, (from + p) * dim, query, 0, dim);
        VectorKernels.dotBulk(query, centroids, start, rows, dots);
        for (int r = 0; r < rows; r++) {
          keep(best, bestIndex, p * m, m, score(start + r, dots[r]), start + r);
        }
      }
    }
    System.arraycopy(bestIndex, 0, nearest, from * m, pointsInRange * m);
    if (scores != null) {
      System.arraycopy(best, 0, scores, from * m, pointsInRange * m);
    }
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
