package dev.quiver.index.cluster;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

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
    float[] scores = new float[n * m];
    new CentroidAssigner(centroids, k, dim, false).nearest(points, n, m, candidates, scores, pool);
    assign(candidates, scores, n, m, k, caps, assignment);
  }

  /**
   * The capacity-constrained choice among given candidates: {@code candidates[i·m …]} are point i's {@code m}
   * nearest centroids, nearest first, with their scores {@code ½‖c‖² − ⟨x, c⟩} in {@code scores}.
   */
  static void assign(int[] candidates, float[] scores, int n, int m, int k, int[] caps, int[] assignment) {
    // Points that lose most by moving choose first: sorted by regret (the squared-distance gap between their two
    // nearest centroids, twice the gap of the scores ½‖c‖² − ⟨x, c⟩), largest first, ties to the smaller index. A
    // non-negative float's bits order as the float does, so one primitive sort of (regret, index) keys does it.
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      float regret = m > 1 ? 2 * (scores[i * m + 1] - scores[i * m]) : 0f;
      int bits = regret > 0 ? Float.floatToIntBits(regret) : 0;
      order[i] = ((long) (Integer.MAX_VALUE - bits) << 32) | i;
    }
    Arrays.sort(order);
    int[] load = new int[k];
    for (long key : order) {
      int i = (int) key;
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
}
