package dev.quiver.adapter.maintenance;

/**
 * One running maintenance job, a row of {@code quiver.jobs} until it {@link #finish}es.
 *
 * <p>The job's owner reports its phase and progress as it goes ({@link #enter}). Where a step gives no progress of
 * its own — the engine's index build runs training, assignment and calibration in one call — the job follows a
 * {@link BuildTimeline} instead, which estimates the phase and progress from the time elapsed. Thread-safe: the
 * owner writes from its thread while SQL reads.
 */
public final class Job {

  private final JobRegistry registry;
  private final long id;
  private final String table;
  private final String column;
  private final MaintenanceAction kind;
  private final long startedAtMillis;
  private final long startNanos;
  private volatile JobPhase phase;
  private volatile double progress;
  private volatile long vectors;
  /** The estimate followed while an opaque step runs, or null. */
  private volatile BuildTimeline timeline;

  Job(JobRegistry registry, long id, String table, String column, MaintenanceAction kind, JobPhase phase) {
    this.registry = registry;
    this.id = id;
    this.table = table;
    this.column = column;
    this.kind = kind;
    this.phase = phase;
    this.startedAtMillis = System.currentTimeMillis();
    this.startNanos = System.nanoTime();
  }

  /** The job's id, increasing from 1 per database. */
  public long id() {
    return id;
  }

  /** The table's name. */
  public String table() {
    return table;
  }

  /** The vector column's name. */
  public String column() {
    return column;
  }

  /** What the job does. */
  public MaintenanceAction kind() {
    return kind;
  }

  /** When it started, in ms since the epoch. */
  public long startedAtMillis() {
    return startedAtMillis;
  }

  /** Time since it started, in ns. */
  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** The vectors it works on (0 until known). */
  public long vectors() {
    return vectors;
  }

  /** Sets the number of vectors it works on. */
  public void vectors(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count: must not be negative, was " + count);
    }
    vectors = count;
  }

  /** The phase it is in (estimated while it follows a timeline). */
  public JobPhase phase() {
    BuildTimeline estimate = timeline;
    return estimate == null ? phase : estimate.phase(System.nanoTime());
  }

  /** Its progress from 0 to 1 (estimated while it follows a timeline). */
  public double progress() {
    BuildTimeline estimate = timeline;
    return estimate == null ? progress : estimate.progress(System.nanoTime());
  }

  /**
   * Enters {@code next} at overall progress {@code value}, in [0, 1], and stops following a timeline.
   *
   * @throws IllegalArgumentException if {@code value} is outside [0, 1]
   */
  public void enter(JobPhase next, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("value: progress must be in [0, 1], was " + value);
    }
    timeline = null;
    phase = next;
    progress = value;
  }

  /** Follows {@code estimate} for phase and progress until the next {@link #enter}. */
  void follow(BuildTimeline estimate) {
    timeline = estimate;
  }

  /** Ends the job: it leaves {@code quiver.jobs}. Calling it again does nothing. */
  public void finish() {
    registry.remove(this);
  }
}
