package dev.quiver.adapter.maintenance;

import java.util.Locale;

/** What a maintenance event or job does to a vector index; its SQL name is the constant in lower case. */
public enum MaintenanceAction {
  /** A partition was split in two. */
  SPLIT,
  /** Partitions were merged into their neighbours. */
  MERGE,
  /** One maintenance pass of the column's policy (splits, merges, refinement). */
  REINDEX,
  /** The whole index was trained and built anew, aside, and published in one step. */
  REBUILD;

  /** The name {@code quiver.maintenance_log.action} and {@code quiver.jobs.kind} show. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
