package dev.quiver.adapter.maintenance;

import java.util.Locale;

/**
 * Reports one rebuild of a vector column's index: a {@code rebuild} job in {@code quiver.jobs} while it runs — in
 * phase {@code snapshot} from its start, then {@code training}, {@code assigning} and {@code calibrating} (estimated
 * by {@link BuildTimeline}), then {@code replaying} — and a {@code rebuild} event in {@code quiver.maintenance_log}
 * when it ends, published or failed. The duration runs from {@link MaintenanceTracker#startRebuild} (before the
 * snapshot) to publication.
 */
public final class RebuildJob implements RebuildObserver {

  /** Overall progress when the snapshot is taken and the build starts. */
  private static final double BUILD_STARTS = 0.05;
  /** Overall progress when the build is done and its writes are replayed. */
  private static final double REPLAY_STARTS = 0.95;

  private final MaintenanceTracker tracker;
  private final Job job;
  private final int partitionsBefore;
  private final String reason;
  /** The vectors' dimension, known once the build starts. */
  private volatile int dimension;
  private volatile MaintenanceEvent event;

  RebuildJob(MaintenanceTracker tracker, Job job, int partitionsBefore, String reason) {
    this.tracker = tracker;
    this.job = job;
    this.partitionsBefore = partitionsBefore;
    this.reason = reason;
  }

  /** The job as {@code quiver.jobs} lists it. */
  public Job job() {
    return job;
  }

  @Override
  public void building(int vectors, int partitions, int dimension) {
    this.dimension = dimension;
    job.vectors(vectors);
    long[] expected = tracker.costs().expected(vectors, partitions, dimension);
    if (expected == null) {
      job.enter(JobPhase.TRAINING, BUILD_STARTS); // nothing measured yet to estimate from
    } else {
      job.follow(new BuildTimeline(System.nanoTime(), expected, BUILD_STARTS, REPLAY_STARTS));
    }
  }

  @Override
  public void replaying() {
    job.enter(JobPhase.REPLAYING, REPLAY_STARTS);
  }

  @Override
  public void published(RebuildOutcome outcome) {
    if (outcome.buildStats() != null) {
      tracker.costs().observe(outcome.vectors(), outcome.partitionsAfter(), dimension,
          outcome.buildStats());
    }
    String what = outcome.buildStats() == null ? "no vectors: nothing to build"
        : String.format(Locale.ROOT, "%d writes replayed", outcome.replayedWrites());
    end(outcome.partitionsBefore(), outcome.partitionsAfter(), outcome.buildStats() == null ? 0 : outcome.vectors(),
        reason + "; " + what);
  }

  @Override
  public void failed(Throwable failure) {
    end(partitionsBefore, partitionsBefore, 0, reason + "; failed, the index keeps its partitioning: "
        + failure.getMessage());
  }

  /** Ends the job without a log event: the rebuild was refused before it started. */
  public void abandon() {
    job.finish();
  }

  /** The {@code maintenance_log} event of this rebuild, once it ended; null before. */
  public MaintenanceEvent event() {
    return event;
  }

  private void end(int before, int after, long moved, String detail) {
    try {
      event = tracker.log().record(job.table(), job.column(), MaintenanceAction.REBUILD, job.startedAtMillis(),
          job.elapsedNanos(), before, after, moved, detail);
    } finally {
      job.finish();
    }
  }
}
