package dev.quiver.bench.replay;

import dev.quiver.bench.workload.WorkloadGenerator;
import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.bench.workload.WorkloadStream;
import dev.quiver.index.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of a generated workload, kept in memory so that every method replays exactly the same operations.
 *
 * <p>Why record rather than stream once per method: each query batch's ground truth is an exact search over the
 * resident set (brute force, the dominant cost of generating a stream), and a replayed list is identical by
 * construction rather than by seed. The price is memory: the inserted vectors (at most one copy of the dataset) and
 * the query batches with their ground truth.
 *
 * @param initial the initial resident set (step -1)
 * @param operations every operation after it, in stream order
 * @param metric metric of the ground truth
 * @param dim components per vector
 * @param steps update batches
 * @param residentAfter vectors resident after the last operation
 */
public record RecordedWorkload(WorkloadOperation.Insert initial, List<WorkloadOperation> operations, Metric metric,
    int dim, int steps, int residentAfter) {

  /** Copies the operation list. */
  public RecordedWorkload {
    operations = List.copyOf(operations);
  }

  /** Draws every operation of a fresh stream of {@code generator}. */
  public static RecordedWorkload record(WorkloadGenerator generator, Metric metric, int dim) {
    WorkloadStream stream = generator.stream();
    List<WorkloadOperation> operations = new ArrayList<>();
    stream.forEachRemaining(operations::add);
    return new RecordedWorkload(stream.initial(), operations, metric, dim, generator.steps(),
        stream.residentCount());
  }

  /** Vectors inserted by update batches (the initial set not counted). */
  public long insertedVectors() {
    return operations.stream().mapToLong(op -> op instanceof WorkloadOperation.Insert i ? i.count() : 0).sum();
  }

  /** Vectors deleted by update batches. */
  public long deletedVectors() {
    return operations.stream().mapToLong(op -> op instanceof WorkloadOperation.Delete d ? d.count() : 0).sum();
  }

  /** Queries over all query batches. */
  public long queries() {
    return operations.stream().mapToLong(op -> op instanceof WorkloadOperation.Query q ? q.count() : 0).sum();
  }

  /** The first query batch, or null when the stream has none. */
  public WorkloadOperation.Query firstQueries() {
    for (WorkloadOperation op : operations) {
      if (op instanceof WorkloadOperation.Query q) {
        return q;
      }
    }
    return null;
  }

  /** The first insert batch after the initial set, or null when the stream has none. */
  public WorkloadOperation.Insert firstInsert() {
    for (WorkloadOperation op : operations) {
      if (op instanceof WorkloadOperation.Insert i) {
        return i;
      }
    }
    return null;
  }
}
