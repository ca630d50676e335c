package dev.quiver.index.aps;

/**
 * Distances from a query to the hyperplanes bisecting its nearest candidate centroid and each other candidate j
 * (ALGORITHMS.md §2, step 1), with a free lower bound, so that a boundary the search ball cannot reach is never
 * computed: computing one costs a centroid-to-centroid distance, d multiply-adds.
 */
public interface Boundaries {

  /** A lower bound on {@link #distance(int)} that costs nothing to evaluate. */
  float lowerBound(int j);

  /** The distance to boundary j (j ≥ 1). */
  float distance(int j);

  /** Boundaries given as a plain array (index 0 unused): tests and precomputed traces. */
  static Boundaries of(float[] distances) {
    return new Boundaries() {
      @Override
      public float lowerBound(int j) {
        return distances[j];
      }

      @Override
      public float distance(int j) {
        return distances[j];
      }
    };
  }
}
