package dev.quiver.bench.workload;

import dev.quiver.bench.data.FloatRows;
import java.util.SplittableRandom;

/**
 * Produces the query batches of a workload, with their ground truth, from the source the parameters name.
 *
 * <p>{@link QuerySource#DATASET}: the dataset's queries in a seeded random order, reshuffled each time all have
 * been used, so a batch repeats a query only when it is larger than the query set. {@link QuerySource#CLUSTER_SAMPLED}:
 * base vectors drawn by the CSF_q rule from all rows (or from the rows of the {@code queryClusters} clusters chosen
 * for the stream), returned to the pool after the batch, so a batch holds distinct vectors and locality is as for
 * updates.
 */
final class QuerySampler {

  private final WorkloadGenerator generator;
  private final SplittableRandom random;
  private final ClusterPool allRows;
  private final ClusterSampler sampler;
  private final int[] order;
  private int nextInOrder;

  QuerySampler(WorkloadGenerator generator, SplittableRandom random) {
    this.generator = generator;
    this.random = random;
    WorkloadParams params = generator.params();
    if (params.querySource() == QuerySource.CLUSTER_SAMPLED) {
      LocalityClusters clusters = generator.clusters();
      boolean[] queried = queriedClusters(clusters.count(), params.queryClusters(), random);
      this.allRows = new ClusterPool(clusters);
      for (int id = 0; id < clusters.rows(); id++) {
        if (queried[clusters.clusterOf()[id]]) {
          allRows.add(id);
        }
      }
      this.sampler = new ClusterSampler(clusters, params.queryClusterSampleFraction());
      this.order = new int[0];
    } else {
      this.allRows = null;
      this.sampler = null;
      this.order = new int[generator.queries().count()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      nextInOrder = order.length; // shuffle on first use
    }
  }

  /**
   * Which clusters queries may come from: {@code chosen} of the {@code count}, drawn uniformly once for the whole
   * stream (a partial Fisher–Yates over cluster ids), or all of them when {@code chosen} is 0.
   */
  private static boolean[] queriedClusters(int count, int chosen, SplittableRandom random) {
    if (chosen == 0) {
      boolean[] all = new boolean[count];
      java.util.Arrays.fill(all, true);
      return all;
    }
    return dev.quiver.index.Sampling.chosen(count, chosen, random);
  }

  /** The {@code count} queries issued after update batch {@code step}, answered over {@code resident}. */
  WorkloadOperation.Query next(int step, int count, ClusterPool resident) {
    boolean sampled = allRows != null;
    FloatRows source = sampled ? generator.base() : generator.queries();
    int[] rows = sampled ? drawSampled(count) : drawDataset(count);
    int dim = source.dim();
    float[] vectors = new float[count * dim];
    for (int i = 0; i < count; i++) {
      System.arraycopy(source.values(), rows[i] * dim, vectors, i * dim, dim);
    }
    int k = generator.params().k();
    long[] truth = ResidentGroundTruth.compute(generator.base(), resident, vectors, count, generator.metric(), k);
    return new WorkloadOperation.Query(step, vectors, count, k, truth);
  }

  private int[] drawSampled(int count) {
    // A batch larger than the dataset cannot hold distinct rows; draw it in rounds over the whole pool.
    int[] rows = new int[count];
    for (int filled = 0; filled < count; ) {
      int n = Math.min(count - filled, allRows.total());
      int[] drawn = sampler.draw(allRows, n, random);
      System.arraycopy(drawn, 0, rows, filled, n);
      filled += n;
      for (int id : drawn) {
        allRows.add(id);
      }
    }
    return rows;
  }

  private int[] drawDataset(int count) {
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      if (nextInOrder == order.length) {
        shuffle();
      }
      rows[i] = order[nextInOrder++];
    }
    return rows;
  }

  /** Fisher–Yates over the query order. */
  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    nextInOrder = 0;
  }
}
