package dev.quiver.adapter.maintenance;

/**
 * An estimate of where an index build is, from the time since it started: the engine builds in one call (training,
 * then assignment, then calibration) without reporting progress, so the phase and progress {@code quiver.jobs}
 * shows during the build come from the durations {@link BuildCostModel} expects for each phase. When the build
 * overruns the estimate it stays in its last phase just below the end of its share of the progress.
 *
 * @param startNanos when the build started ({@link System#nanoTime()})
 * @param expectedNanos expected duration of training, assigning and calibrating, in ns
 * @param from the job's overall progress when the build starts
 * @param to the job's overall progress when the build ends
 */
record BuildTimeline(long startNanos, long[] expectedNanos, double from, double to) {

  private static final JobPhase[] PHASES = {JobPhase.TRAINING, JobPhase.ASSIGNING, JobPhase.CALIBRATING};

  /** Never reported as done before it is: the estimate's share is capped at this fraction. */
  private static final double CAP = 0.99;

  BuildTimeline {
    if (expectedNanos.length != PHASES.length) {
      throw new IllegalArgumentException("expectedNanos: one per build phase (" + PHASES.length + "), got "
          + expectedNanos.length);
    }
    expectedNanos = expectedNanos.clone();
  }

  /** The phase at {@code nowNanos}. */
  JobPhase phase(long nowNanos) {
    long elapsed = nowNanos - startNanos;
    for (int i = 0; i < PHASES.length - 1; i++) {
      if (elapsed < expectedNanos[i]) {
        return PHASES[i];
      }
      elapsed -= expectedNanos[i];
    }
    return PHASES[PHASES.length - 1];
  }

  /** The job's overall progress at {@code nowNanos}. */
  double progress(long nowNanos) {
    long total = 0;
    for (long phase : expectedNanos) {
      total += phase;
    }
    double done = total <= 0 ? CAP : Math.min(CAP, (nowNanos - startNanos) / (double) total);
    return from + (to - from) * Math.max(0, done);
  }
}
