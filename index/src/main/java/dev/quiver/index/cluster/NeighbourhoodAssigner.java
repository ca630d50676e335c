package dev.quiver.index.cluster;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Nearest centroids of points that already have a centroid, looked for only among the {@value #NEIGHBOURHOOD}
 * centroids nearest the one each point has: a point moves between neighbouring clusters in a Lloyd iteration, not
 * across the region, so scoring it against every centroid is wasted work once it has a centroid near its nearest.
 *
 * <p>Why: a local reindex reclusters a region that, on a stream inserting whole clusters at a time, covers most of
 * the index (43,134 rows into 117 seeds on Fashion-MNIST); each of its Lloyd iterations and its balancing pass scored
 * every row against every centroid, and those full passes were most of Ada-IVF's reindexing. Restricted to a
 * neighbourhood, a pass costs {@code NEIGHBOURHOOD / k} of a full one (bench/RESULTS.md, issue 5,
 * "Neighbourhood-restricted reclustering"). It is not exact: after a Lloyd step 0.5% of Fashion-MNIST's rows and 5.6%
 * of WordNet-MiniLM's missed their nearest centroid, which k-means tolerates (its objective rose 0.25%) and the final
 * placement of rows in partitions does not, so that stays a full assignment.
 *
 * <p>Points are grouped by their current centroid; each group is scored, with the same 4 × 4 tiles as
 * {@link CentroidAssigner}, against its centroid's neighbourhood, whose members are taken in increasing index order so
 * that ties still go to the smaller centroid index. Squared L2 only (k-means's own measure).
 */
final class NeighbourhoodAssigner {

  /** Centroids a point is scored against: its own and the 15 nearest it; 16 of 120 is an eighth of a full pass. */
  static final int NEIGHBOURHOOD = 16;

  private NeighbourhoodAssigner() {}

  /** Whether restricting is worth it at {@code k} centroids: below twice the neighbourhood it saves too little. */
  static boolean worthIt(int k) {
    return k >= 2 * NEIGHBOURHOOD;
  }

  /**
   * The {@code m} nearest centroids of each of {@code n} row-major points among the neighbourhood of its current
   * centroid {@code current[i]}, nearest first, into {@code nearest[i·m …]} and their scores
   * ({@code ½‖c‖² − ⟨x, c⟩}) into {@code scores[i·m …]} when not null.
   *
   * @throws IllegalArgumentException if {@code m} exceeds the neighbourhood or the centroids
   */
  static void nearest(float[] points, int n, int dim, float[] centroids, int k, int[] current, int m, int[] nearest,
      float[] scores, ForkJoinPool pool) {
    nearest(points, n, dim, centroids, k, current, centroids, k, m, nearest, scores, pool);
  }

  /**
   * As {@link #nearest(float[], int, int, float[], int, int[], int, int[], float[], ForkJoinPool)}, with the points
   * in {@code groups} groups ({@code group[i]}) around given centres ({@code groups × dim} floats): each point looks
   * among the centroids nearest its group's centre. With the centroids as their own centres, a group is a cluster.
   */
  static void nearest(float[] points, int n, int dim, float[] centroids, int k, int[] group, float[] centres,
      int groups, int m, int[] nearest, float[] scores, ForkJoinPool pool) {
    int size = Math.min(NEIGHBOURHOOD, k);
    if (m < 1 || m > size) {
      throw new IllegalArgumentException("m: must be between 1 and the neighbourhood of " + size + ", was " + m);
    }
    // Each group's neighbourhood: the `size` centroids nearest its centre (for a centroid as centre, itself first:
    // ½‖c'‖² − ⟨c, c'⟩ is smallest at c' = c).
    int[] neighbourhoods = new int[groups * size];
    new CentroidAssigner(centroids, k, dim, false).nearest(centres, groups, size, neighbourhoods, null, pool);
    // Counting sort of the points by group: group g is order[start[g] … start[g + 1]).
    int[] start = new int[groups + 1];
    for (int i = 0; i < n; i++) {
      start[group[i] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] order = new int[n];
    int[] fill = Arrays.copyOf(start, groups);
    for (int i = 0; i < n; i++) {
      order[fill[group[i]]++] = i;
    }
    float[] members = new float[size * dim];
    int[] ids = new int[size];
    int largest = 0;
    for (int g = 0; g < groups; g++) {
      largest = Math.max(largest, start[g + 1] - start[g]);
    }
    float[] rows = new float[largest * dim];
    int[] groupNearest = new int[largest * m];
    float[] groupScores = new float[largest * m];
    for (int g = 0; g < groups; g++) {
      int count = start[g + 1] - start[g];
      if (count == 0) {
        continue;
      }
      System.arraycopy(neighbourhoods, g * size, ids, 0, size);
      Arrays.sort(ids);
      for (int j = 0; j < size; j++) {
        System.arraycopy(centroids, ids[j] * dim, members, j * dim, dim);
      }
      for (int r = 0; r < count; r++) {
        System.arraycopy(points, order[start[g] + r] * dim, rows, r * dim, dim);
      }
      new CentroidAssigner(members, size, dim, false).nearest(rows, count, m, groupNearest, groupScores, pool);
      for (int r = 0; r < count; r++) {
        int point = order[start[g] + r];
        for (int j = 0; j < m; j++) {
          nearest[point * m + j] = ids[groupNearest[r * m + j]];
          if (scores != null) {
            scores[point * m + j] = groupScores[r * m + j];
          }
        }
      }
    }
  }
}
