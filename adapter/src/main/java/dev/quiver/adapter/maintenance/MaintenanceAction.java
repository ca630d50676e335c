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
  REBUILD,
  /** A few Lloyd iterations over a split's neighbourhood (Quake's refinement). */
  REFINE,
  /** Centroids moved to their partitions' means, no vector moved (the Update Centroids policy). */
  UPDATE_CENTROIDS,
  /** A split or merge computed, found not to pay by the cost model, and dropped (Quake's verification). */
  ROLLBACK,
  /** APS's recall model recalibrated on the current partitioning, after the partition count moved far. */
  RECALIBRATE;

  /** The action of an engine maintenance action. */
  public static MaintenanceAction of(dev.quiver.index.maintenance.MaintenanceAction.Kind kind) {
    return valueOf(kind.name());
  }

  /** The name {@code quiver.maintenance_log.action} and {@code quiver.jobs.kind} show. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
