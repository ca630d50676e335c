package dev.quiver.bench.replay;

import dev.quiver.bench.report.LatencyStats;
import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.index.maintenance.MaintenanceAction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Replays a {@link RecordedWorkload} against {@link ReplayTarget}s and times them, the same way for every method.
 *
 * <p>Several targets are replayed interleaved: each operation is applied to every target before the next operation,
 * in an order that rotates with the update batch (batch b starts with target {@code b mod n}). On a shared machine
 * the load from other processes changes over a run; interleaving spreads it over every method instead of letting
 * it land on whichever ran at the time, and the rotation keeps any method from always following the same other one
 * (and its garbage). The price is that every index is in memory at once.
 *
 * <p>The protocol per target, on the calling thread:
 * <ol>
 *   <li>The target arrives built over the initial set (its build time is reported apart). One maintenance pass runs
 *       at once, timed as maintenance: it attaches the policy to the index as it stands (Rebuild counts changes and
 *       Quake access frequencies from their first pass, so without it they would ignore the first batch).</li>
 *   <li>Each update batch: the vectors are copied out of the batch untimed, then every insert or delete is one call,
 *       timed together (update time); then one maintenance pass, timed (maintenance time); the partition count after
 *       it is recorded.</li>
 *   <li>Each query batch: {@link ReplayTarget#beforeQueries} untimed, then every query is searched once, one at a
 *       time, each search timed on its own (search time is their sum; the recall of each result against the batch's
 *       exact ground truth is scored outside the timed span).</li>
 * </ol>
 * Search QPS is queries over search time; update throughput is vectors inserted or deleted over update plus
 * maintenance time (the Ada-IVF paper's definition, which charges maintenance to the updates); the total is update +
 * maintenance + search.
 */
final class WorkloadReplayer {

  /** Progress lines per replay, at most (plus the last step). */
  private static final int PROGRESS_LINES = 10;

  private final RecordedWorkload workload;
  private final Consumer<String> progress;

  /**
   * @param workload the operations every method replays
   * @param progress receives a line every tenth of the stream (e.g. for stderr); {@code s -> {}} for none
   */
  WorkloadReplayer(RecordedWorkload workload, Consumer<String> progress) {
    this.workload = workload;
    this.progress = progress;
  }

  /** Replays the whole workload against {@code target}. */
  ReplayResult replay(ReplayTarget target) {
    return replay(List.of(target)).getFirst();
  }

  /** Replays the whole workload against every target, interleaved; results in the order of {@code targets}. */
  List<ReplayResult> replay(List<ReplayTarget> targets) {
    List<Run> runs = targets.stream().map(Run::new).toList();
    runs.forEach(run -> run.maintain(-1));
    List<WorkloadOperation> operations = workload.operations();
    int every = Math.max(1, workload.steps() / PROGRESS_LINES);
    for (int i = 0; i < operations.size(); i++) {
      WorkloadOperation op = operations.get(i);
      int first = Math.floorMod(op.step(), runs.size());
      for (int j = 0; j < runs.size(); j++) {
        runs.get((first + j) % runs.size()).apply(op);
      }
      boolean stepDone = i + 1 == operations.size() || operations.get(i + 1).step() != op.step();
      if (stepDone && ((op.step() + 1) % every == 0 || op.step() == workload.steps() - 1)) {
        progress.accept(String.format(Locale.ROOT, "step %d/%d: %,d vectors; partitions %s", op.step() + 1,
            workload.steps(), runs.getFirst().target.size(), runs.stream()
                .map(r -> r.target.method() + " " + r.target.partitions()).collect(Collectors.joining(", "))));
      }
    }
    return runs.stream().map(Run::result).toList();
  }

  /** The mutable tallies of one replay. */
  private final class Run {
    private final ReplayTarget target;
    private final int partitionsInitial;
    private final int[] partitions = new int[workload.steps()];
    private final double[] maintenanceSeconds = new double[workload.steps()];
    private final long[] latencies;
    private final double[] batchRecall;
    private final double[] batchQps;
    private final Map<String, Integer> actions = new TreeMap<>();
    private final Map<String, Double> actionSeconds = new TreeMap<>();
    private final long[] scanned = new long[1];
    private long updateNanos;
    private long maintenanceNanos;
    private long searchNanos;
    private long inserted;
    private long deleted;
    private int queries;
    private int batches;
    private int passes;
    private double recallSum;
    private double scannedSum;

    Run(ReplayTarget target) {
      this.target = target;
      this.partitionsInitial = target.partitions();
      this.latencies = new long[Math.toIntExact(workload.queries())];
      int queryBatches = (int) workload.operations().stream().filter(o -> o instanceof WorkloadOperation.Query)
          .count();
      this.batchRecall = new double[queryBatches];
      this.batchQps = new double[queryBatches];
    }

    /** Applies one operation of the stream. */
    void apply(WorkloadOperation op) {
      switch (op) {
        case WorkloadOperation.Insert insert -> insert(insert);
        case WorkloadOperation.Delete delete -> delete(delete);
        case WorkloadOperation.Query query -> search(query);
      }
    }

    void insert(WorkloadOperation.Insert batch) {
      float[][] rows = new float[batch.count()][];
      Arrays.setAll(rows, batch::vector);
      long[] ids = batch.ids();
      long start = System.nanoTime();
      for (int i = 0; i < rows.length; i++) {
        target.insert(ids[i], rows[i]);
      }
      updateNanos += System.nanoTime() - start;
      inserted += rows.length;
      maintain(batch.step());
    }

    void delete(WorkloadOperation.Delete batch) {
      long[] ids = batch.ids();
      long start = System.nanoTime();
      for (long id : ids) {
        target.delete(id);
      }
      updateNanos += System.nanoTime() - start;
      deleted += ids.length;
      maintain(batch.step());
    }

    /** One timed pass; {@code step} -1 is the pass that attaches the policy before the stream. */
    void maintain(int step) {
      long start = System.nanoTime();
      List<MaintenanceAction> done = target.maintain();
      long nanos = System.nanoTime() - start;
      passes++;
      maintenanceNanos += nanos;
      for (MaintenanceAction action : done) {
        actions.merge(action.kind().label(), 1, Integer::sum);
        actionSeconds.merge(action.kind().label(), action.nanos() / 1e9, Double::sum);
      }
      if (step >= 0) {
        partitions[step] = target.partitions();
        maintenanceSeconds[step] = nanos / 1e9;
      }
    }

    void search(WorkloadOperation.Query batch) {
      target.beforeQueries(batch);
      long batchNanos = 0;
      double batchRecallSum = 0;
      for (int q = 0; q < batch.count(); q++) {
        float[] vector = batch.vector(q);
        long start = System.nanoTime();
        long[] ids = target.search(vector, scanned);
        long nanos = System.nanoTime() - start;
        latencies[queries++] = nanos;
        batchNanos += nanos;
        double recall = batch.recallAtK(q, ids);
        batchRecallSum += recall;
        scannedSum += scanned[0];
      }
      searchNanos += batchNanos;
      recallSum += batchRecallSum;
      batchRecall[batches] = batchRecallSum / batch.count();
      batchQps[batches++] = batch.count() / (batchNanos / 1e9);
    }

    ReplayResult result() {
      return new ReplayResult(target.method(), target.setting(), target.buildNanos() / 1e9, updateNanos,
          maintenanceNanos, searchNanos, inserted, deleted, queries,
          queries == 0 ? Double.NaN : recallSum / queries, queries == 0 ? Double.NaN : scannedSum / queries,
          LatencyStats.percentileMs(latencies, 0.5), LatencyStats.percentileMs(latencies, 0.99), partitionsInitial,
          partitions, maintenanceSeconds, batchRecall, batchQps, actions, actionSeconds, target.size(), passes,
          target.failedPasses(), target.firstFailure());
    }
  }
}
