package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.aps.Boundaries;
import dev.quiver.index.kernel.VectorKernels;

/**
 * Converts the metric's internal scores into the Euclidean quantities APS reasons with (ALGORITHMS.md §2): the
 * squared distance from the query to a centroid, the distances to the bisecting hyperplanes, and the search radius
 * ρ. L2 scores are squared distances already; cosine scores are −⟨q, x⟩ of unit vectors, so
 * {@code ‖q − x‖² = 2 + 2·score}; inner-product scores give {@code ‖q − x‖² = ‖q‖² + ‖x‖² + 2·score}, exact for
 * centroids (their norms are known) and, for the radius, approximated with the mean squared norm of the data.
 */
final class QueryGeometry {

  private final Metric metric;
  private final float[] centroids;
  private final int dim;
  private final float[] centroidSquaredNorms;
  private final float meanSquaredNorm;

  QueryGeometry(Metric metric, float[] centroids, int count, int dim, float meanSquaredNorm) {
    this.metric = metric;
    this.centroids = centroids;
    this.dim = dim;
    this.meanSquaredNorm = meanSquaredNorm;
    this.centroidSquaredNorms = new float[count];
    for (int c = 0; c < count; c++) {
      centroidSquaredNorms[c] = VectorKernels.dot(centroids, c * dim, centroids, c * dim, dim);
    }
  }

  /**
   * Distances from the query to the hyperplanes bisecting the nearest candidate and each other one,
   * {@code h_j = (‖q − c_j‖² − ‖q − c_0‖²) / (2‖c_j − c_0‖)} (the paper's formula rearranged), computed on first
   * use. The lower bound {@code (‖q − c_j‖ − ‖q − c_0‖) / 2} follows from {@code ‖c_j − c_0‖ ≤ ‖q − c_j‖ + ‖q − c_0‖}
   * and needs only the centroid scores already at hand.
   */
  Boundaries boundaries(float querySquaredNorm, Candidates candidates) {
    int m = candidates.size();
    float[] squared = new float[m];
    for (int j = 0; j < m; j++) {
      squared[j] = squaredDistanceToCentroid(candidates.scores()[j], candidates.partitions()[j], querySquaredNorm);
    }
    return new LazyBoundaries(candidates.partitions(), squared);
  }

  /** Boundary distances of one query, each computed at most once. Not thread-safe: one per query. */
  private final class LazyBoundaries implements Boundaries {
    private final int[] partitions;
    private final float[] squared;
    private final float[] lowerBounds;
    private final float[] distances;

    LazyBoundaries(int[] partitions, float[] squared) {
      this.partitions = partitions;
      this.squared = squared;
      this.distances = new float[partitions.length];
      java.util.Arrays.fill(distances, Float.NaN);
      // The profile is recomputed several times per query; the bounds are taken once.
      this.lowerBounds = new float[partitions.length];
      double nearest = Math.sqrt(Math.max(0f, squared[0]));
      for (int j = 1; j < partitions.length; j++) {
        lowerBounds[j] = (float) Math.max(0, (Math.sqrt(Math.max(0f, squared[j])) - nearest) / 2);
      }
    }

    @Override
    public float lowerBound(int j) {
      return lowerBounds[j];
    }

    @Override
    public float distance(int j) {
      float h = distances[j];
      if (Float.isNaN(h)) {
        int cj = partitions[j];
        int c0 = partitions[0];
        float separation = (float) Math.sqrt(VectorKernels.squaredL2(centroids, cj * dim, centroids, c0 * dim, dim));
        h = separation > 0 ? Math.max(0f, squared[j] - squared[0]) / (2 * separation) : 0f;
        distances[j] = h;
      }
      return h;
    }
  }

  /** The search radius ρ (true Euclidean) for the k-th result's score; +∞ while fewer than k results exist. */
  float radius(float kthScore, float querySquaredNorm) {
    if (kthScore == Float.POSITIVE_INFINITY) {
      return Float.POSITIVE_INFINITY;
    }
    float squared = switch (metric) {
      case L2 -> kthScore;
      case COSINE -> 2 + 2 * kthScore;
      case INNER_PRODUCT -> querySquaredNorm + meanSquaredNorm + 2 * kthScore;
    };
    return (float) Math.sqrt(Math.max(0f, squared));
  }

  private float squaredDistanceToCentroid(float score, int centroid, float querySquaredNorm) {
    return switch (metric) {
      case L2 -> score;
      case COSINE -> 2 + 2 * score;
      case INNER_PRODUCT -> querySquaredNorm + centroidSquaredNorms[centroid] + 2 * score;
    };
  }
}
