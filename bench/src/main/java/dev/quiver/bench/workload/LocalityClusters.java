package dev.quiver.bench.workload;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.index.cluster.CentroidAssigner;
import dev.quiver.index.cluster.Clustering;
import dev.quiver.index.cluster.KMeans;
import dev.quiver.index.cluster.KMeansParams;
import java.util.concurrent.ForkJoinPool;

/**
 * The partition of a dataset into k-means clusters that defines locality for a workload: an update or query batch
 * with a high cluster sample fraction stays inside few of these clusters (Ada-IVF §5.1.2, "the generator clusters
 * the dataset and samples from the clusters").
 *
 * <p>Clusters are by L2 proximity for every metric: locality means "near in space", and for cosine data (stored as
 * unit vectors) L2 and angular proximity agree.
 *
 * @param clusterOf cluster of every base row, in {@code [0, count)}
 * @param sizes base rows in each cluster
 * @param count number of clusters
 */
public record LocalityClusters(int[] clusterOf, int[] sizes, int count) {

  /** Checks that sizes and assignments agree. */
  public LocalityClusters {
    if (sizes.length != count) {
      throw new IllegalArgumentException("sizes: " + sizes.length + " entries for " + count + " clusters");
    }
    int[] counted = new int[count];
    for (int c : clusterOf) {
      if (c < 0 || c >= count) {
        throw new IllegalArgumentException("clusterOf: cluster " + c + " is not in [0, " + count + ")");
      }
      counted[c]++;
    }
    if (!java.util.Arrays.equals(counted, sizes)) {
      throw new IllegalArgumentException("sizes: do not match the assignments in clusterOf");
    }
  }

  /**
   * Clusters {@code base} with the engine's seeded k-means (trained on a sample, as the IVF build does) and assigns
   * every row to its nearest centroid.
   *
   * @throws IllegalArgumentException if {@code clusters} exceeds the number of rows
   */
  public static LocalityClusters of(FloatRows base, int clusters, long seed) {
    if (clusters > base.count()) {
      throw new IllegalArgumentException("clusters: " + clusters + " exceeds the " + base.count()
          + " base vectors; use at most " + base.count());
    }
    Clustering clustering = KMeans.train(base.values(), base.count(), base.dim(), KMeansParams.of(clusters, seed));
    int[] clusterOf = new int[base.count()];
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      new CentroidAssigner(clustering.centroids(), clusters, base.dim(), false)
          .assign(base.values(), base.count(), clusterOf, null, pool);
    } finally {
      pool.shutdown();
    }
    int[] sizes = new int[clusters];
    for (int c : clusterOf) {
      sizes[c]++;
    }
    return new LocalityClusters(clusterOf, sizes, clusters);
  }

  /** Number of base rows clustered. */
  public int rows() {
    return clusterOf.length;
  }
}
