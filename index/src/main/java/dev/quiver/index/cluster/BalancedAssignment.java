package dev.quiver.index.cluster;

import dev.quiver.index.kernel.VectorKernels;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Capacity-constrained assignment, the balancing step of balanced k-means: every point goes to the nearest of its
 * {@value #CANDIDATES} nearest centroids that still has room, and points that would lose most by moving (largest gap
 * between their best and second-best centroid) choose first. A point whose candidates are all full goes to its
 * nearest centroid regardless, so no point is ever left out and caps are soft in that rare case.
 */
final class BalancedAssignment {

  /** Nearest centroids considered per point: enough to place almost every point, cheap to keep. */
  static final int CANDIDATES = 8;

  private BalancedAssignment() {}

  static void assign(float[] points, int n, int dim, float[] centroids, int k, int[] caps, int[] assignment,
      ForkJoinPool pool) {
    int m = Math.min(CANDIDATES, k);
    int[] candidates = new int[n * m];
    float[] regret = new float[n];
    pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
      float[] query = Arrays.copyOfRange(points, i * dim, (i + 1) * dim);
      float[] distances = new float[k];
      VectorKernels.squaredL2Bulk(query, centroids, 0, k, distances);
      nearestCandidates(distances, m, candidates, i * m);
      regret[i] = m > 1 ? distances[candidates[i * m + 1]] - distances[candidates[i * m]] : 0f;
    })).join();

    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Float.compare(regret[b], regret[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] load = new int[k];
    for (int i : order) {
      int chosen = candidates[i * m];
      for (int j = 0; j < m; j++) {
        int c = candidates[i * m + j];
        if (load[c] < caps[c]) {
          chosen = c;
          break;
        }
      }
      assignment[i] = chosen;
      load[chosen]++;
    }
  }

  /** Writes the indices of the {@code m} smallest distances, nearest first, into {@code out[offset..offset+m)}. */
  private static void nearestCandidates(float[] distances, int m, int[] out, int offset) {
    float[] best = new float[m];
    Arrays.fill(best, Float.POSITIVE_INFINITY);
    for (int c = 0; c < distances.length; c++) {
      float d = distances[c];
      if (d >= best[m - 1]) {
        continue;
      }
      int pos = m - 1;
      while (pos > 0 && best[pos - 1] > d) {
        best[pos] = best[pos - 1];
        out[offset + pos] = out[offset + pos - 1];
        pos--;
      }
      best[pos] = d;
      out[offset + pos] = c;
    }
  }
}
