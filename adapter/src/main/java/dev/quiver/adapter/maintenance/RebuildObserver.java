package dev.quiver.adapter.maintenance;

/**
 * Receives the progress of one rebuild of a vector column's index
 * ({@link dev.quiver.adapter.table.VectorColumnIndex#startRebuild(int, boolean, RebuildObserver)}), on the
 * rebuild's thread. Calls must be cheap and must not throw: {@link #replaying} runs while the column's writes wait.
 */
public interface RebuildObserver {

  /** Observes nothing. */
  RebuildObserver NONE = new RebuildObserver() {};

  /** The build starts: training, assignment and calibration of {@code vectors} into {@code nlist} partitions. */
  default void building(int vectors, int nlist, int dimension) {}

  /** The build is done; the writes made meanwhile are being applied to it (their count is in the outcome). */
  default void replaying() {}

  /**
   * The new index is published (for an empty snapshot: the current one is kept). Called before the rebuild's future
   * completes.
   */
  default void published(RebuildOutcome outcome) {}

  /** The rebuild failed; the current index stays. Called before the rebuild's future completes. */
  default void failed(Throwable failure) {}
}
