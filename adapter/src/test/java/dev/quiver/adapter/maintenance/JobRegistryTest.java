package dev.quiver.adapter.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.ivf.BuildStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jobs are listed from start to finish with the phase and progress their owner reports; during an index build the
 * phase and progress are estimated from the time elapsed, and a rebuild's end is logged once.
 */
class JobRegistryTest {

  @Test
  void aJobIsListedUntilItFinishes() {
    JobRegistry jobs = new JobRegistry();
    Job first = jobs.start("docs", "embedding", MaintenanceAction.REINDEX, JobPhase.SNAPSHOT);
    Job second = jobs.start("docs", "title_vec", MaintenanceAction.REBUILD, JobPhase.SNAPSHOT);
    assertEquals(List.of(first, second), jobs.running());
    assertEquals(List.of(1L, 2L), jobs.running().stream().map(Job::id).toList());
    first.enter(JobPhase.ASSIGNING, 0.5);
    first.vectors(1_000);
    assertEquals(JobPhase.ASSIGNING, first.phase());
    assertEquals(0.5, first.progress());
    assertEquals(1_000, first.vectors());
    assertThrows(IllegalArgumentException.class, () -> first.enter(JobPhase.REPLAYING, 1.5));
    first.finish();
    first.finish();
    assertEquals(List.of(second), jobs.running());
  }

  @Test
  void aTimelineEstimatesPhaseAndProgressFromElapsedTime() {
    // Training 100 ns, assigning 200 ns, calibrating 100 ns, mapped onto overall progress 0.1 … 0.9.
    BuildTimeline timeline = new BuildTimeline(1_000, new long[] {100, 200, 100}, 0.1, 0.9);
    assertEquals(JobPhase.TRAINING, timeline.phase(1_050));
    assertEquals(JobPhase.ASSIGNING, timeline.phase(1_100));
    assertEquals(JobPhase.CALIBRATING, timeline.phase(1_350));
    assertEquals(JobPhase.CALIBRATING, timeline.phase(9_000), "an overrun stays in the last phase");
    assertEquals(0.1, timeline.progress(1_000), 1e-12);
    assertEquals(0.5, timeline.progress(1_200), 1e-12);
    assertEquals(0.1 + 0.8 * 0.99, timeline.progress(9_000), 1e-12, "never done before it is");
  }

  @Test
  void theCostModelScalesTheLastMeasuredBuild() {
    BuildCostModel costs = new BuildCostModel();
    assertEquals(null, costs.expected(1_000, 10, 8), "nothing measured yet");
    costs.observe(1_000, 10, 8, new BuildStats(8_000_000, 16_000_000, 4_000_000, 1));
    long[] same = costs.expected(1_000, 10, 8);
    assertEquals(List.of(8_000_000L, 16_000_000L, 4_000_000L), List.of(same[0], same[1], same[2]));
    long[] twice = costs.expected(2_000, 10, 8); // training sample capped at 10 × 256 ≥ 2,000: all scale by 2
    assertEquals(List.of(16_000_000L, 32_000_000L, 8_000_000L), List.of(twice[0], twice[1], twice[2]));
  }

  @Test
  void aRebuildIsReportedAsAJobThenLoggedOnce() {
    MaintenanceTracker tracker = new MaintenanceTracker();
    RebuildJob rebuild = tracker.startRebuild("docs", "embedding", 1, "CALL quiver.rebuild");
    Job job = rebuild.job();
    assertEquals(JobPhase.SNAPSHOT, tracker.jobs().running().get(0).phase());
    rebuild.building(500, 4, 8);
    assertEquals(JobPhase.TRAINING, job.phase(), "no build measured yet: the phase stays at training");
    assertEquals(500, job.vectors());
    rebuild.replaying();
    assertEquals(JobPhase.REPLAYING, job.phase());
    rebuild.published(new RebuildOutcome(500, 1, 4, 3, new BuildStats(1, 1, 1, 1)));
    assertEquals(List.of(), tracker.jobs().running());
    MaintenanceEvent event = rebuild.event();
    assertEquals(List.of(event), tracker.log().events());
    assertEquals(MaintenanceAction.REBUILD, event.action());
    assertEquals(List.of(1, 4), List.of(event.partitionsBefore(), event.partitionsAfter()));
    assertEquals(500, event.vectorsMoved());
    assertEquals("CALL quiver.rebuild; 3 writes replayed", event.detail());
    assertTrue(event.durationNanos() >= 0);
  }

  @Test
  void aFailedRebuildIsLoggedWithItsPartitioningUnchanged() {
    MaintenanceTracker tracker = new MaintenanceTracker();
    RebuildJob rebuild = tracker.startRebuild("docs", "embedding", 7, "automatic");
    rebuild.failed(new IllegalStateException("out of memory"));
    MaintenanceEvent event = rebuild.event();
    assertEquals(List.of(7, 7), List.of(event.partitionsBefore(), event.partitionsAfter()));
    assertEquals("automatic; failed, the index keeps its partitioning: out of memory", event.detail());
    assertEquals(List.of(), tracker.jobs().running());
    RebuildJob refused = tracker.startRebuild("docs", "embedding", 7, "CALL");
    refused.abandon();
    assertEquals(List.of(), tracker.jobs().running());
    assertEquals(1, tracker.log().events().size(), "an abandoned rebuild is not logged");
  }
}
