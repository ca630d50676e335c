package dev.quiver.index.cluster;

/**
 * Trained centroids.
 *
 * @param centroids {@code count × dim} row-major centroid coordinates, never NaN
 * @param count number of centroids
 * @param dim dimension
 */
public record Clustering(float[] centroids, int count, int dim) {

  /** Checks that the array holds exactly {@code count × dim} floats. */
  public Clustering {
    if ((long) count * dim != centroids.length) {
      throw new IllegalArgumentException("centroids: expected " + count + " × " + dim + " floats, got "
          + centroids.length);
    }
  }
}
