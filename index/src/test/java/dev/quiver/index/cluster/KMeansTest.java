package dev.quiver.index.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.TestVectors;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** k-means: reproducibility, recovery of clear clusters, empty clusters, balancing. */
class KMeansTest {

  @Test
  void sameSeedGivesSameCentroidsWhateverTheThreadCount() {
    float[] points = TestVectors.clustered(5_000, 16, 20, 1);
    Clustering one = KMeans.train(points, 5_000, 16, KMeansParams.of(20, 99).withThreads(1));
    Clustering two = KMeans.train(points, 5_000, 16, KMeansParams.of(20, 99).withThreads(2));
    assertArrayEquals(one.centroids(), two.centroids());
  }

  @Test
  void recoversWellSeparatedClusters() {
    int dim = 8;
    int k = 5;
    float[] points = new float[k * 200 * dim];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < 200; i++) {
        for (int j = 0; j < dim; j++) {
          points[(c * 200 + i) * dim + j] = c * 100 + (i % 7) * 0.01f;
        }
      }
    }
    Clustering clustering = KMeans.train(points, k * 200, dim, KMeansParams.of(k, 3).withIterations(20));
    int[] assignment = new int[k * 200];
    ForkJoinPool pool = new ForkJoinPool(2);
    new CentroidAssigner(clustering.centroids(), k, dim, false).assign(points, k * 200, assignment, null, pool);
    pool.shutdown();
    for (int c = 0; c < k; c++) {
      int first = assignment[c * 200];
      for (int i = 1; i < 200; i++) {
        assertEquals(first, assignment[c * 200 + i], "cluster " + c + " must stay together");
      }
    }
    assertEquals(k, Arrays.stream(assignment).distinct().count(), "each true cluster gets its own centroid");
  }

  @Test
  void emptyClustersNeverProduceNaN() {
    // 30 points at only 3 distinct locations with 10 clusters: most clusters start or become empty.
    int dim = 4;
    float[] points = new float[30 * dim];
    for (int i = 0; i < 30; i++) {
      Arrays.fill(points, i * dim, (i + 1) * dim, i % 3);
    }
    Clustering clustering = KMeans.train(points, 30, dim, KMeansParams.of(10, 5));
    for (float v : clustering.centroids()) {
      assertFalse(Float.isNaN(v) || Float.isInfinite(v), "centroid component " + v);
    }
  }

  @Test
  void balancingBoundsClusterSizes() {
    int n = 6_000;
    int dim = 8;
    int k = 12;
    // Skewed data: one dense blob holds most points.
    float[] points = TestVectors.clustered(n, dim, 3, 11);
    Clustering plain = KMeans.train(points, n, dim, KMeansParams.of(k, 4));
    Clustering balanced = KMeans.train(points, n, dim, KMeansParams.of(k, 4).withBalanced(true));
    int maxPlain = Arrays.stream(sizes(points, n, dim, plain)).max().orElseThrow();
    int maxBalanced = Arrays.stream(sizes(points, n, dim, balanced)).max().orElseThrow();
    assertTrue(maxBalanced <= maxPlain, "balanced max " + maxBalanced + " vs plain " + maxPlain);
    assertTrue(maxBalanced <= 1.35 * n / k, "balanced max size " + maxBalanced + " over mean " + n / k);
  }

  @Test
  void theMNearestCentroidsAreThoseABruteForceRankingFinds() {
    // Balanced k-means takes each point's candidates from here; 37 dims and 1,001 points leave a short last group of
    // points and a padded last panel of centroids, and m = 8 exercises the sorted insertion. 70 centroids take the
    // panels, 11 (fewer than a panel holds) the 4 × 4 tiles.
    int dim = 37;
    int n = 1_001;
    float[] points = TestVectors.clustered(n, dim, 10, 4);
    for (int k : new int[] {70, 11}) {
      int m = 8;
      float[] centroids = TestVectors.clustered(k, dim, 10, 5);
      int[] nearest = new int[n * m];
      float[] scores = new float[n * m];
      ForkJoinPool pool = new ForkJoinPool(2);
      try {
        new CentroidAssigner(centroids, k, dim, false).nearest(points, n, m, nearest, scores, pool);
      } finally {
        pool.shutdown();
      }
      for (int i = 0; i < n; i++) {
        double[] distance = new double[k];
        Integer[] ranked = new Integer[k];
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < dim; j++) {
            double d = points[i * dim + j] - centroids[c * dim + j];
            distance[c] += d * d;
          }
          ranked[c] = c;
        }
        Arrays.sort(ranked, (a, b) -> Double.compare(distance[a], distance[b]));
        for (int r = 0; r < m; r++) {
          int found = nearest[i * m + r];
          // Float rounding may swap two centroids at (almost) the same distance: compare distances, not indices.
          assertEquals(distance[ranked[r]], distance[found], 1e-3 * (1 + distance[ranked[r]]),
              k + " centroids, point " + i + ", rank " + r);
          assertTrue(r == 0 || scores[i * m + r] >= scores[i * m + r - 1], "ascending scores");
        }
      }
    }
    int k = 70;
    float[] centroids = TestVectors.clustered(k, dim, 10, 5);
    int[] nearest = new int[n * (k + 1)];
    float[] scores = new float[n * (k + 1)];
    ForkJoinPool pool = ForkJoinPool.commonPool();
    assertThrows(IllegalArgumentException.class,
        () -> new CentroidAssigner(centroids, k, dim, false).nearest(points, n, k + 1, nearest, scores, pool));
  }

  @Test
  void rejectsMoreClustersThanPoints() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KMeans.train(new float[8], 4, 2, KMeansParams.of(5, 1)));
    assertTrue(e.getMessage().startsWith("clusters: 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KMeansParams.of(0, 1));
  }

  private static int[] sizes(float[] points, int n, int dim, Clustering clustering) {
    int[] assignment = new int[n];
    ForkJoinPool pool = new ForkJoinPool(2);
    new CentroidAssigner(clustering.centroids(), clustering.count(), dim, false)
        .assign(points, n, assignment, null, pool);
    pool.shutdown();
    int[] sizes = new int[clustering.count()];
    for (int a : assignment) {
      sizes[a]++;
    }
    return sizes;
  }
}
