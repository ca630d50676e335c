package dev.quiver.adapter.maintenance;

/**
 * One row of {@code quiver.maintenance_log}: a maintenance action on one vector column, finished.
 *
 * @param eventId increasing from 1 in the order events were recorded, per database
 * @param table the table's name
 * @param column the vector column's name
 * @param action what was done
 * @param startedAtMillis when it started, in ms since the epoch
 * @param durationNanos how long it took, in ns
 * @param partitionsBefore the column's partitions before
 * @param partitionsAfter the column's partitions after
 * @param vectorsMoved vectors written into a partition other than the one they were in (a rebuild: every vector)
 * @param detail what the action did or why, in words; may be empty, never null
 */
public record MaintenanceEvent(long eventId, String table, String column, MaintenanceAction action,
    long startedAtMillis, long durationNanos, int partitionsBefore, int partitionsAfter, long vectorsMoved,
    String detail) {

  /** The duration in ms, as {@code quiver.maintenance_log.duration_ms} shows it. */
  public double durationMillis() {
    return durationNanos / 1e6;
  }
}
