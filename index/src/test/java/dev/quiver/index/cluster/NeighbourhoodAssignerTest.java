package dev.quiver.index.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.TestVectors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Nearest centroids looked for around a point's current one, against the full search they replace. */
class NeighbourhoodAssignerTest {

  @Test
  void aNeighbourhoodHoldingEveryCentroidFindsWhatTheFullSearchFinds() {
    // 12 centroids fit in one neighbourhood: whatever the current assignment, the answer is the full search's,
    // ties included (both take a neighbourhood's centroids in increasing index order).
    int dim = 19;
    int n = 803;
    int k = 12;
    float[] points = TestVectors.clustered(n, dim, 6, 7);
    float[] centroids = TestVectors.clustered(k, dim, 6, 8);
    int[] current = new int[n];
    for (int i = 0; i < n; i++) {
      current[i] = (i * 7) % k;
    }
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      for (int m : new int[] {1, 8}) {
        int[] full = new int[n * m];
        float[] fullScores = new float[n * m];
        new CentroidAssigner(centroids, k, dim, false).nearest(points, n, m, full, fullScores, pool);
        int[] local = new int[n * m];
        float[] localScores = new float[n * m];
        NeighbourhoodAssigner.nearest(points, n, dim, centroids, k, current, m, local, localScores, pool);
        assertArrayEquals(full, local, "m = " + m);
        assertArrayEquals(fullScores, localScores, "m = " + m);
      }
      assertThrows(IllegalArgumentException.class, () -> NeighbourhoodAssigner.nearest(points, n, dim, centroids,
          k, current, k + 1, new int[n * (k + 1)], null, pool));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fromAnAssignmentNearTheAnswerItFindsAlmostEveryPointsNearestCentroid() {
    // After one full Lloyd step, a point's nearest centroid of the next step is almost always among the 16 nearest
    // its current one; where it is not, the centroid found is still nearly as near.
    int dim = 32;
    int n = 20_000;
    int k = 100;
    float[] points = TestVectors.clustered(n, dim, 40, 3);
    float[] centroids = KMeans.train(points, n, dim, KMeansParams.of(k, 5).withIterations(1)).centroids();
    int[] current = nearest(points, n, dim, centroids, k, null);
    int[] sizes = new int[k];
    KMeans.update(points, n, dim, current, centroids, sizes, false, new java.util.SplittableRandom(1));
    int[] full = nearest(points, n, dim, centroids, k, null);
    int[] local = nearest(points, n, dim, centroids, k, current);
    int differ = 0;
    double excess = 0;
    for (int i = 0; i < n; i++) {
      if (full[i] != local[i]) {
        differ++;
        double best = squared(points, i, centroids, full[i], dim);
        excess += squared(points, i, centroids, local[i], dim) / best - 1;
      }
    }
    assertTrue(differ <= n / 100, differ + " of " + n + " points missed their nearest centroid");
    assertTrue(differ == 0 || excess / differ < 0.05, "mean excess squared distance " + excess / differ);
  }

  @Test
  void aRestrictedRefinementKeepsTheFullOnesQuality() {
    // The region reclustering of a local reindex: seeds near the data, 3 iterations and a balancing round. With
    // k = 80 the restricted passes run; its objective must stay within 1% of the unrestricted refinement's.
    int dim = 24;
    int n = 16_000;
    int k = 80;
    float[] points = TestVectors.clustered(n, dim, 30, 9);
    float[] seeds = KMeans.train(points, n, dim, KMeansParams.of(k, 2).withIterations(1)).centroids();
    KMeansParams params = KMeansParams.of(k, 4).withIterations(3).withBalanced(true).withThreads(1);
    float[] restricted = KMeans.refine(points, n, dim, seeds, params).centroids();
    float[] full = fullRefinement(points, n, dim, seeds, params);
    // Rows are then placed by a full assignment (what a reindex commits), so the centroids are compared that way.
    double restrictedError = objective(points, n, dim, restricted, nearest(points, n, dim, restricted, k,
        null));
    double fullError = objective(points, n, dim, full, nearest(points, n, dim, full, k, null));
    assertTrue(restrictedError <= 1.01 * fullError, "restricted " + restrictedError + " vs full " + fullError);

    // With the points' origins (the 40 partitions a reindex gathers them from), no pass scores every centroid.
    float[] sources = KMeans.train(points, n, dim, KMeansParams.of(40, 6).withIterations(2)).centroids();
    int[] origin = nearest(points, n, dim, sources, 40, null);
    float[] hinted = KMeans.refine(points, n, dim, seeds, params, new KMeans.Origins(origin, sources, 40))
        .centroids();
    double hintedError = objective(points, n, dim, hinted, nearest(points, n, dim, hinted, k, null));
    assertTrue(hintedError <= 1.01 * fullError, "from origins " + hintedError + " vs full " + fullError);
  }

  /** The refinement as it was before the restriction: every pass scores every point against every centroid. */
  private static float[] fullRefinement(float[] points, int n, int dim, float[] seeds, KMeansParams params) {
    int k = params.clusters();
    float[] centroids = seeds.clone();
    int[] sizes = new int[k];
    java.util.SplittableRandom random = new java.util.SplittableRandom(params.seed());
    int[] assignment = null;
    for (int iteration = 0; iteration < params.iterations(); iteration++) {
      assignment = nearest(points, n, dim, centroids, k, null);
      KMeans.update(points, n, dim, assignment, centroids, sizes, false, random);
    }
    if (!params.balanced()) {
      return centroids;
    }
    int[] caps = new int[k];
    java.util.Arrays.fill(caps, (int) Math.ceil((double) n / k * (1 + params.balanceTolerance())));
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      BalancedAssignment.assign(points, n, dim, centroids, k, caps, assignment, pool);
    } finally {
      pool.shutdown();
    }
    KMeans.update(points, n, dim, assignment, centroids, sizes, false, random);
    return centroids;
  }

  /**
   * Each point's nearest centroid on one thread: a full search when {@code current} is null or the restriction
   * would not pay, else among the neighbourhood of its current centroid (as {@link KMeans#refine}'s passes look).
   */
  private static int[] nearest(float[] points, int n, int dim, float[] centroids, int k, int[] current) {
    int[] out = new int[n];
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      if (current == null || !NeighbourhoodAssigner.worthIt(k)) {
        new CentroidAssigner(centroids, k, dim, false).assign(points, n, out, null, pool);
      } else {
        NeighbourhoodAssigner.nearest(points, n, dim, centroids, k, current, 1, out, null, pool);
      }
    } finally {
      pool.shutdown();
    }
    return out;
  }

  private static double objective(float[] points, int n, int dim, float[] centroids, int[] assignment) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += squared(points, i, centroids, assignment[i], dim);
    }
    return total;
  }

  private static double squared(float[] points, int i, float[] centroids, int c, int dim) {
    double sum = 0;
    for (int j = 0; j < dim; j++) {
      double d = points[i * dim + j] - centroids[c * dim + j];
      sum += d * d;
    }
    return sum;
  }
}
