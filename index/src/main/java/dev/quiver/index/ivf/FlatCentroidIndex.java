package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.TopKCollector;

/** Exact centroid search: one bulk kernel pass over all centroids, then top-m selection. Thread-safe. */
final class FlatCentroidIndex implements CentroidIndex {

  private final Metric metric;
  private final float[] centroids;
  private final int count;
  private final ThreadLocal<float[]> scratch;

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
    TopKCollector best = new TopKCollector(Math.min(m, count), true);
    float worst = Float.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      if (scores[i] <= worst && best.offer(i, scores[i])) {
        worst = best.worstScore();
      }
    }
    return Candidates.of(best.sorted());
  }

  @Override
  public int levels() {
    return 1;
  }
}
