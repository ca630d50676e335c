package dev.quiver.index.ivf;

/**
 * The partitioning's state right after its last build or rebuild, which Ada-IVF's global indicator compares the
 * current state with (§4.3).
 *
 * @param vectors n0, vectors at that time
 * @param sizeStdDev σ0, standard deviation of the partition sizes
 * @param reconstructionError ε0, mean squared distance of a vector to its centroid
 * @param dim the vectors' dimension d (of the estimate ε' = ε0·sqrt(d·n0/n), eq. 11)
 * @param mutations the index's {@link IvfIndex#mutations()} at that time (what "changed since the last build"
 *     counts from)
 */
public record IndexBaseline(long vectors, double sizeStdDev, double reconstructionError, int dim, long mutations) {

  /** The current state of {@code index}. */
  static IndexBaseline of(IvfIndex index) {
    return new IndexBaseline(index.size(), sizeStdDev(index.partitionSizes()), index.reconstructionError(),
        index.params().dim(), index.mutations());
  }

  /** Standard deviation of partition sizes. */
  public static double sizeStdDev(int[] sizes) {
    if (sizes.length == 0) {
      return 0;
    }
    double mean = 0;
    for (int s : sizes) {
      mean += s;
    }
    mean /= sizes.length;
    double variance = 0;
    for (int s : sizes) {
      variance += (s - mean) * (s - mean);
    }
    return Math.sqrt(variance / sizes.length);
  }
}
