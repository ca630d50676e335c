package dev.quiver.adapter.maintenance;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The maintenance a database's vector indexes went through — every split, merge, reindex and rebuild, with its
 * duration — as {@code quiver.maintenance_log} shows it.
 *
 * <p>It lives in memory and is bounded: it keeps the last {@value #CAPACITY} events and drops the oldest beyond
 * that, so a long-running database's log costs at most a few MB. It is not persisted; it starts empty each time the
 * database is opened. Thread-safe: the engine records from its maintenance threads while SQL reads.
 */
public final class MaintenanceLog {

  /** Events kept; older ones are dropped, oldest first. */
  public static final int CAPACITY = 10_000;

  private final int capacity;
  private final ArrayDeque<MaintenanceEvent> events = new ArrayDeque<>();
  private long nextId = 1;

  /** An empty log that keeps the last {@value #CAPACITY} events. */
  public MaintenanceLog() {
    this(CAPACITY);
  }

  /** An empty log that keeps the last {@code capacity} events. */
  MaintenanceLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records a finished action on {@code table}.{@code column}.
   *
   * @param startedAtMillis when it started, in ms since the epoch ({@link System#currentTimeMillis()})
   * @param durationNanos how long it took, in ns ({@link System#nanoTime()} differences)
   * @param vectorsMoved vectors written into another partition than the one they were in
   * @param detail what was done or why, in words (null is recorded as empty)
   * @return the event, with its id
   * @throws IllegalArgumentException if a name or the action is null, or a count or the duration is negative
   */
  public MaintenanceEvent record(String table, String column, MaintenanceAction action, long startedAtMillis,
      long durationNanos, int partitionsBefore, int partitionsAfter, long vectorsMoved, String detail) {
    if (table == null || column == null || action == null) {
      throw new IllegalArgumentException("table, column, action: must not be null, were " + table + ", " + column
          + ", " + action);
    }
    if (durationNanos < 0 || partitionsBefore < 0 || partitionsAfter < 0 || vectorsMoved < 0) {
      throw new IllegalArgumentException("durationNanos, partitionsBefore, partitionsAfter, vectorsMoved: must not"
          + " be negative, were " + durationNanos + ", " + partitionsBefore + ", " + partitionsAfter + ", "
          + vectorsMoved);
    }
    synchronized (events) {
      MaintenanceEvent event = new MaintenanceEvent(nextId++, table, column, action, startedAtMillis, durationNanos,
          partitionsBefore, partitionsAfter, vectorsMoved, Objects.requireNonNullElse(detail, ""));
      if (events.size() == capacity) {
        events.removeFirst();
      }
      events.addLast(event);
      return event;
    }
  }

  /** The events kept, oldest first. */
  public List<MaintenanceEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
