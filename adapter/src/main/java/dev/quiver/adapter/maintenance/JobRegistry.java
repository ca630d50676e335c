package dev.quiver.adapter.maintenance;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The maintenance jobs running in one database, as {@code quiver.jobs} shows them: a job is listed from
 * {@link #start} until it {@link Job#finish}es. Thread-safe.
 */
public final class JobRegistry {

  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentSkipListMap<Long, Job> running = new ConcurrentSkipListMap<>();

  /**
   * Registers a job on {@code table}.{@code column}, in {@code phase} at progress 0; the caller must
   * {@link Job#finish} it, also when it fails.
   */
  public Job start(String table, String column, MaintenanceAction kind, JobPhase phase) {
    if (table == null || column == null || kind == null || phase == null) {
      throw new IllegalArgumentException("table, column, kind, phase: must not be null, were " + table + ", "
          + column + ", " + kind + ", " + phase);
    }
    Job job = new Job(this, ids.incrementAndGet(), table, column, kind, phase);
    running.put(job.id(), job);
    return job;
  }

  /** The running jobs, oldest first. */
  public List<Job> running() {
    return List.copyOf(running.values());
  }

  void remove(Job job) {
    running.remove(job.id(), job);
  }
}
