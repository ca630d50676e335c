package dev.quiver.index.maintenance;

/**
 * One change a maintenance pass made to the partitioning (what {@code quiver.maintenance_log} lists).
 *
 * @param kind what was done
 * @param partitionsBefore partitions in the index before the action
 * @param partitionsAfter partitions after it
 * @param vectorsMoved vectors copied into new partitions (0 for a centroid move or a rollback)
 * @param nanos wall time of the action, in ns
 * @param detail which partitions, and why (the indicator or cost that decided it)
 */
public record MaintenanceAction(Kind kind, int partitionsBefore, int partitionsAfter, long vectorsMoved,
    long nanos, String detail) {

  /** What an action did. */
  public enum Kind {
    /** A partition divided into several. */
    SPLIT,
    /** A partition removed, its vectors given to its neighbours. */
    MERGE,
    /** A region of partitions reclustered (Ada-IVF's local reindex, LIRE's reassignment). */
    REINDEX,
    /** A few Lloyd iterations over a split's neighbourhood (Quake). */
    REFINE,
    /** The whole index retrained. */
    REBUILD,
    /** Centroids moved to their partitions' means. */
    UPDATE_CENTROIDS,
    /** A split or merge computed, found not to pay, and dropped (Quake's verification). */
    ROLLBACK,
    /** APS's recall model recalibrated after the partition count moved far from the one it was calibrated at. */
    RECALIBRATE;

    /** The lower-case name logs and system tables show. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
