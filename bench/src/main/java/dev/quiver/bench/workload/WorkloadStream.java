package dev.quiver.bench.workload;

import dev.quiver.bench.data.FloatRows;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One pass over a generated workload: the initial set, then for every update batch an {@code Insert} or
 * {@code Delete} followed, when the read/write ratio asks for any, by a {@code Query} batch.
 *
 * <p>Operations are produced lazily, so only one batch of vectors is in memory at a time, and each query batch's
 * ground truth is computed when it is produced, over the vectors resident after the update before it. Not
 * thread-safe: one consumer drives the stream.
 */
public final class WorkloadStream implements Iterator<WorkloadOperation> {

  private final WorkloadGenerator generator;
  private final UpdateSchedule schedule;
  private final ClusterPool resident;
  private final ClusterPool absent;
  private final ClusterSampler updateSampler;
  private final QuerySampler querySampler;
  private final SplittableRandom updateRandom;
  private final WorkloadOperation.Insert initial;
  private int step;
  private boolean queriesPending;

  WorkloadStream(WorkloadGenerator generator) {
    this.generator = generator;
    this.schedule = generator.schedule();
    LocalityClusters clusters = generator.clusters();
    this.resident = new ClusterPool(clusters);
    this.absent = new ClusterPool(clusters);
    for (int id = 0; id < clusters.rows(); id++) {
      absent.add(id);
    }
    // s0 is a uniform sample: the paper does not localise the initial set, and a uniform start lets the
    // initial index represent the whole distribution before updates skew it.
    int[] initialIds = new ClusterSampler(clusters, 1.0 / clusters.rows())
        .draw(absent, schedule.initialCount(), new SplittableRandom(generator.initialSeed()));
    for (int id : initialIds) {
      resident.add(id);
    }
    this.initial = new WorkloadOperation.Insert(-1, toLongs(initialIds), gather(initialIds));
    this.updateSampler = new ClusterSampler(clusters, generator.params().updateClusterSampleFraction());
    this.updateRandom = new SplittableRandom(generator.updateSeed());
    this.querySampler = new QuerySampler(generator, new SplittableRandom(generator.querySeed()));
  }

  /** The initial resident set, as an insert at step -1; load it (or build the index from it) before streaming. */
  public WorkloadOperation.Insert initial() {
    return initial;
  }

  @Override
  public boolean hasNext() {
    return queriesPending || step < schedule.steps();
  }

  @Override
  public WorkloadOperation next() {
    if (!hasNext()) {
      throw new NoSuchElementException("workload: all " + schedule.steps() + " update batches were produced");
    }
    if (queriesPending) {
      queriesPending = false;
      return querySampler.next(step - 1, schedule.queries()[step - 1], resident);
    }
    int b = step++;
    queriesPending = schedule.queries()[b] > 0;
    int su = generator.params().updateSize();
    if (schedule.inserts()[b]) {
      int[] ids = updateSampler.draw(absent, su, updateRandom);
      for (int id : ids) {
        resident.add(id);
      }
      return new WorkloadOperation.Insert(b, toLongs(ids), gather(ids));
    }
    // Deleted ids are retired: they leave the resident pool and never return to the insertable one.
    int[] ids = updateSampler.draw(resident, su, updateRandom);
    return new WorkloadOperation.Delete(b, toLongs(ids));
  }

  /** Vectors resident now. */
  public int residentCount() {
    return resident.total();
  }

  /** Whether {@code id} is resident now. */
  public boolean isResident(long id) {
    return id >= 0 && id < generator.base().count() && resident.contains((int) id);
  }

  private float[] gather(int[] ids) {
    FloatRows base = generator.base();
    int dim = base.dim();
    float[] vectors = new float[ids.length * dim];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(base.values(), ids[i] * dim, vectors, i * dim, dim);
    }
    return vectors;
  }

  private static long[] toLongs(int[] ids) {
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i];
    }
    return out;
  }
}
