package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A benchmark dataset in memory: base vectors, query vectors and the exact nearest neighbours of every query.
 *
 * <p>Arrays are row-major and shared, not copied: treat them as read-only. Vectors of a {@code COSINE} dataset are
 * unit vectors, as stored on disk. The files behind the dataset stay in {@link #files()}, because peers such as
 * Faiss read them directly; note that {@link #queryCount()} may be smaller than the rows of the query file when the
 * loader was asked for fewer queries (the first {@code queryCount} rows are used, and ground-truth rows match them).
 *
 * @param name dataset name, e.g. {@code fmnist}, {@code wordnet-minilm}, {@code gen-1000000-128-42}
 * @param metric metric the ground truth was computed with
 * @param dim components per vector
 * @param base base vectors, {@code baseCount × dim}
 * @param baseCount number of base vectors; their ids are their row indices {@code 0 .. baseCount - 1}
 * @param queries query vectors, {@code queryCount × dim}
 * @param queryCount number of queries
 * @param groundTruth exact neighbours, {@code queryCount × groundTruthDepth()} base row indices, nearest first
 * @param files where {@code base.fvecs}, {@code query.fvecs} and {@code groundtruth.ivecs} (or their TEXMEX-named
 *     equivalents) live
 */
public record Dataset(String name, Metric metric, int dim, float[] base, int baseCount, float[] queries,
    int queryCount, int[] groundTruth, DatasetFiles files) {

  /** Checks that every array has the size its counts imply. */
  public Dataset {
    if (dim <= 0) {
      throw new IllegalArgumentException("dim: must be positive, was " + dim);
    }
    if ((long) baseCount * dim != base.length) {
      throw new IllegalArgumentException("base: " + baseCount + " × " + dim + " components expected, array holds "
          + base.length);
    }
    if ((long) queryCount * dim != queries.length) {
      throw new IllegalArgumentException("queries: " + queryCount + " × " + dim
          + " components expected, array holds " + queries.length);
    }
    if (queryCount > 0 && (groundTruth.length == 0 || groundTruth.length % queryCount != 0)) {
      throw new IllegalArgumentException("groundTruth: " + groundTruth.length
          + " ids are not a positive whole number per query for " + queryCount + " queries");
    }
  }

  /** Directory holding the dataset's files. */
  public Path directory() {
    return files.directory();
  }

  /** Neighbours per query in {@link #groundTruth()} (100 for every dataset Quiver prepares). */
  public int groundTruthDepth() {
    return queryCount == 0 ? 0 : groundTruth.length / queryCount;
  }

  /** A copy of query {@code query}'s vector. */
  public float[] query(int query) {
    checkQuery(query);
    return Arrays.copyOfRange(queries, query * dim, (query + 1) * dim);
  }

  /** A copy of base vector {@code row}. */
  public float[] baseVector(int row) {
    if (row < 0 || row >= baseCount) {
      throw new IllegalArgumentException("row: must be in [0, " + baseCount + "), was " + row);
    }
    return Arrays.copyOfRange(base, row * dim, (row + 1) * dim);
  }

  /** The ids of the {@code k} exact nearest base vectors of query {@code query}, nearest first (a copy). */
  public int[] groundTruth(int query, int k) {
    checkQuery(query);
    checkK(k);
    int from = query * groundTruthDepth();
    return Arrays.copyOfRange(groundTruth, from, from + k);
  }

  /**
   * Recall@k of one result list: {@code |result[0..k) ∩ groundTruth[0..k)| / k}. Ids past the first {@code k} of
   * {@code resultIds} are ignored, a repeated id counts once, and a shorter list simply finds fewer neighbours.
   *
   * @throws IllegalArgumentException if {@code k} is not in [1, {@link #groundTruthDepth()}]
   */
  public double recallAtK(int query, long[] resultIds, int k) {
    int[] truth = groundTruth(query, k);
    Arrays.sort(truth);
    boolean[] found = new boolean[k];
    int hits = 0;
    for (int i = 0; i < Math.min(k, resultIds.length); i++) {
      long id = resultIds[i];
      int at = id < 0 || id > Integer.MAX_VALUE ? -1 : Arrays.binarySearch(truth, (int) id);
      if (at >= 0 && !found[at]) {
        found[at] = true;
        hits++;
      }
    }
    return (double) hits / k;
  }

  /** Mean recall@k over the first {@code results.length} queries, {@code results[q]} being query q's result ids. */
  public double meanRecallAtK(long[][] results, int k) {
    if (results.length == 0 || results.length > queryCount) {
      throw new IllegalArgumentException("results: must hold 1 to " + queryCount + " result lists, held "
          + results.length);
    }
    double sum = 0;
    for (int q = 0; q < results.length; q++) {
      sum += recallAtK(q, results[q], k);
    }
    return sum / results.length;
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", " + metric + ", dim=" + dim + ", base=" + baseCount + ", queries=" + queryCount
        + ", gt@" + groundTruthDepth() + ", " + files.directory() + "]";
  }

  private void checkQuery(int query) {
    if (query < 0 || query >= queryCount) {
      throw new IllegalArgumentException("query: must be in [0, " + queryCount + "), was " + query);
    }
  }

  private void checkK(int k) {
    if (k < 1 || k > groundTruthDepth()) {
      throw new IllegalArgumentException("k: must be in [1, " + groundTruthDepth()
          + "] (the ground-truth depth of " + name + "), was " + k);
    }
  }
}
