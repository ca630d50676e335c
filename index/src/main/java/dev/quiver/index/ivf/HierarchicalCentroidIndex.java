package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.search.SearchParams;

/**
 * Centroid search for large nlist (ALGORITHMS.md §1): the centroids are themselves indexed by a parent IVF whose
 * vector ids are the child partition indices, searched with APS at a recall target of {@value #PARENT_RECALL}, so
 * finding the nearest of 100k centroids reads a few thousand of them instead of all.
 */
final class HierarchicalCentroidIndex implements CentroidIndex {

  /** Recall target of the parent search: missing one of the m nearest centroids costs little recall below. */
  static final double PARENT_RECALL = 0.999;

  private final IvfIndex parent;

  HierarchicalCentroidIndex(Metric metric, float[] centroids, int count, int dim, long seed) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = i;
    }
    // Cosine centroids are unit vectors already; the parent keeps the child metric so scores rank alike.
    parent = IvfIndex.build(centroids, ids, IvfParams.of(dim, metric, IvfParams.defaultNlist(count), seed));
  }

  @Override
  public Candidates nearest(float[] query, int m) {
    SearchParams params = SearchParams.forRecall(Math.min(m, parent.size()), PARENT_RECALL);
    return Candidates.of(parent.searchPrepared(query, params).ranked());
  }

  @Override
  public int levels() {
    return 1 + parent.centroidIndexLevels();
  }
}
