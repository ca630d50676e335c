package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
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
   * Distances from the query to the hyperplanes bisecting the nearest candidate and each other one:
   * {@code h_j = (‖q − c_j‖² − ‖q − c_0‖²) / (2‖c_j − c_0‖)}, the paper's formula rearranged; index 0 is unused.
   */
  float[] boundaryDistances(float[] query, float querySquaredNorm, Candidates candidates) {
    int m = candidates.size();
    float[] h = new float[m];
    int c0 = candidates.partitions()[0];
    float d0 = squaredDistanceToCentroid(candidates.scores()[0], c0, querySquaredNorm);
    for (int j = 1; j < m; j++) {
      int cj = candidates.partitions()[j];
      float dj = squaredDistanceToCentroid(candidates.scores()[j], cj, querySquaredNorm);
      float separation = (float) Math.sqrt(VectorKernels.squaredL2(centroids, cj * dim, centroids, c0 * dim, dim));
      h[j] = separation > 0 ? Math.max(0f, dj - d0) / (2 * separation) : 0f;
    }
    return h;
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
