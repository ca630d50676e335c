package dev.quiver.adapter.maintenance;

/**
 * The maintenance activity of one database's vector indexes: the running jobs ({@code quiver.jobs}), the log of
 * finished actions ({@code quiver.maintenance_log}), and what past builds cost (to estimate a running build's
 * progress). One per {@link dev.quiver.adapter.QuiverDatabase}, shared by its tables. Thread-safe.
 */
public final class MaintenanceTracker {

  private final JobRegistry jobs = new JobRegistry();
  private final MaintenanceLog log = new MaintenanceLog();
  private final BuildCostModel costs = new BuildCostModel();

  /** The running jobs. */
  public JobRegistry jobs() {
    return jobs;
  }

  /** The log of finished maintenance actions. */
  public MaintenanceLog log() {
    return log;
  }

  BuildCostModel costs() {
    return costs;
  }

  /**
   * Starts reporting a rebuild of {@code table}.{@code column}, whose index has {@code partitionsBefore} partitions:
   * its job is listed, in phase {@code snapshot}, from now on. Pass the result to the index's rebuild, or
   * {@link RebuildJob#abandon} it if the rebuild does not start.
   *
   * @param reason why it runs, for the log's detail: {@code "CALL quiver.rebuild"}, {@code "automatic: …"}
   */
  public RebuildJob startRebuild(String table, String column, int partitionsBefore, String reason) {
    Job job = jobs.start(table, column, MaintenanceAction.REBUILD, JobPhase.SNAPSHOT);
    return new RebuildJob(this, job, partitionsBefore, reason);
  }
}
