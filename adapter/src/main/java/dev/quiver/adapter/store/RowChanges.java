package dev.quiver.adapter.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows one statement deletes, replaces and adds, gathered before anything is written so the statement commits
 * as one H2 transaction and is then applied to the index in the same order.
 */
public final class RowChanges {

  /** A whole row: its hidden id and its column values in Calcite's runtime representation. */
  public record Row(long rowId, Object[] values) {}

  private final List<Long> deletes = new ArrayList<>();
  private final List<Row> updates = new ArrayList<>();
  private final List<Row> inserts = new ArrayList<>();

  /** Row ids to delete. */
  public List<Long> deletes() {
    return deletes;
  }

  /** Rows whose values are replaced. */
  public List<Row> updates() {
    return updates;
  }

  /** Rows to add. */
  public List<Row> inserts() {
    return inserts;
  }

  /** Rows this statement touches: the update count JDBC reports. */
  public long count() {
    return (long) deletes.size() + updates.size() + inserts.size();
  }
}
