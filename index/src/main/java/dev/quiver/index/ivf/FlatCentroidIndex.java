package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SmallestSelector;

/** Exact centroid search: one bulk kernel pass over all centroids, then top-m selection. Thread-safe. */
final class FlatCentroidIndex implements CentroidIndex {

  private final Metric metric;
  private final float[] centroids;
  private final int count;
  private final ThreadLocal<float[]> scratch;
  private final ThreadLocal<SmallestSelector> selectors = ThreadLocal.withInitial(SmallestSelector::new);

  FlatCentroidIndex(Metric metric, float[] centroids, int count) {
    this.metric = metric;
    this.centroids = centroids;
    this.count = count;
    this.scratch = ThreadLocal.withInitial(() -> new float[count]);
  }

  @Override
  public Candidates nearest(float[] query, int m) {
    float[] scores = scratch.get();
    if (metric == Metric.L2) {
      VectorKernels.squaredL2Bulk(query, centroids, 0, count, scores);
    } else {
      VectorKernels.dotBulk(query, centroids, 0, count, scores);
      for (int i = 0; i < count; i++) {
        scores[i] = -scores[i];
      }
    }
    int wanted = Math.min(m, count);
    int[] partitions = new int[wanted];
    float[] selected = new float[wanted];
    selectors.get().select(scores, count, wanted, partitions, selected);
    return new Candidates(partitions, selected);
  }

  @Override
  public int levels() {
    return 1;
  }
}
