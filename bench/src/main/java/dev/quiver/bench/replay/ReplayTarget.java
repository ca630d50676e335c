package dev.quiver.bench.replay;

import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.index.maintenance.MaintenanceAction;
import java.util.List;

/**
 * What {@link WorkloadReplayer} drives: one index under one method, already holding the workload's initial set. The
 * replayer times every call; an implementation does no bookkeeping of its own inside them that the other methods
 * would not also pay.
 */
interface ReplayTarget {

  /** The method's name ({@code ada-ivf}, {@code lucene-hnsw}, …). */
  String method();

  /** The method's settings as a compact text, for the report. */
  String setting();

  /** Wall time of building the initial index, in ns (reported apart, not part of the total). */
  long buildNanos();

  /** Adds one vector; the array is the caller's to give away. */
  void insert(long id, float[] vector);

  /** Removes one vector. */
  void delete(long id);

  /**
   * One maintenance pass, synchronously; what it did, empty when nothing (always empty for a method without). A pass
   * that fails is counted in {@link #failedPasses()} and returns empty; what it committed before failing stays.
   */
  List<MaintenanceAction> maintain();

  /** Maintenance passes that ended with an exception. */
  default int failedPasses() {
    return 0;
  }

  /** The first failed pass's exception as text, or null when none failed. */
  default String firstFailure() {
    return null;
  }

  /**
   * Called untimed before each query batch, with the batch and its ground truth: the Lucene peer calibrates its
   * search width on the first one. The index must not change.
   */
  default void beforeQueries(WorkloadOperation.Query batch) {}

  /**
   * Searches one query for the workload's k results at the run's recall target; returns their ids, best first, and
   * puts in {@code scanned[0]} the vectors scored (IVF: in the partitions scanned; HNSW: the nodes visited).
   */
  long[] search(float[] query, long[] scanned);

  /** Partitions now (the Lucene peer has one graph: 1). */
  int partitions();

  /** Vectors held now. */
  int size();
}
