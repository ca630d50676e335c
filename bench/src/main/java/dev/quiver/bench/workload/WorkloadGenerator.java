package dev.quiver.bench.workload;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.index.Metric;
import java.util.SplittableRandom;

/**
 * Generates a streaming workload of inserts, deletes and searches from a static dataset, after the Ada-IVF workload
 * generator (paper §5.1.2).
 *
 * <p>Construction clusters the base vectors with the engine's seeded k-means ({@link LocalityClusters}) and plans the
 * batches ({@link UpdateSchedule}), rejecting parameters the dataset cannot supply. {@link #stream()} then replays
 * the workload from the start: a uniform random initial set of {@code s0} vectors, followed by {@code steps} update
 * batches of {@code su} vectors, each an insert of never-inserted vectors or a delete of resident ones drawn by the
 * CSF_u rule ({@link ClusterSampler}), and each followed by its query batch with exact ground truth over the vectors
 * resident at that moment. The same dataset and parameters always give the same stream.
 *
 * <p>Random draws come from independent streams split from the seed (clustering, initial set, updates, queries), so
 * changing, say, the read/write ratio leaves the sequence of updates unchanged.
 */
public final class WorkloadGenerator {

  private final FloatRows base;
  private final FloatRows queries;
  private final Metric metric;
  private final WorkloadParams params;
  private final LocalityClusters clusters;
  private final UpdateSchedule schedule;
  private final long initialSeed;
  private final long updateSeed;
  private final long querySeed;

  /**
   * Clusters {@code base} and plans the workload.
   *
   * @param base the dataset's base vectors; ids are their row indices
   * @param queries the dataset's query vectors, used with {@link QuerySource#DATASET}; may be empty otherwise
   * @param metric metric of the ground truth
   * @param params workload parameters
   * @throws IllegalArgumentException naming the parameter if the dataset cannot supply the workload
   */
  public WorkloadGenerator(FloatRows base, FloatRows queries, Metric metric, WorkloadParams params) {
    if (metric == null) {
      throw new IllegalArgumentException("metric: must be L2, INNER_PRODUCT or COSINE, was null");
    }
    if (queries.dim() != base.dim()) {
      throw new IllegalArgumentException("queries: dimension " + queries.dim() + " differs from the base's "
          + base.dim());
    }
    this.schedule = UpdateSchedule.plan(params, base.count());
    boolean anyQueries = params.readWriteRatio() > 0;
    if (anyQueries && params.querySource() == QuerySource.DATASET && queries.count() == 0) {
      throw new IllegalArgumentException("querySource: DATASET needs the dataset's queries but none were given; "
          + "pass them or use CLUSTER_SAMPLED");
    }
    this.base = base;
    this.queries = queries;
    this.metric = metric;
    this.params = params;
    SplittableRandom root = new SplittableRandom(params.seed());
    this.clusters = LocalityClusters.of(base, params.clusters(), root.nextLong());
    this.initialSeed = root.nextLong();
    this.updateSeed = root.nextLong();
    this.querySeed = root.nextLong();
  }

  /** A fresh stream positioned before the first update batch; each call replays the same workload. */
  public WorkloadStream stream() {
    return new WorkloadStream(this);
  }

  /** The clusters that define locality. */
  public LocalityClusters clusters() {
    return clusters;
  }

  /** Update batches in the stream (resolved from {@code steps = 0} when the parameters asked for as many as fit). */
  public int steps() {
    return schedule.steps();
  }

  /** Vectors resident before the first update batch. */
  public int initialCount() {
    return schedule.initialCount();
  }

  /** The parameters. */
  public WorkloadParams params() {
    return params;
  }

  FloatRows base() {
    return base;
  }

  FloatRows queries() {
    return queries;
  }

  Metric metric() {
    return metric;
  }

  UpdateSchedule schedule() {
    return schedule;
  }

  long initialSeed() {
    return initialSeed;
  }

  long updateSeed() {
    return updateSeed;
  }

  long querySeed() {
    return querySeed;
  }
}
