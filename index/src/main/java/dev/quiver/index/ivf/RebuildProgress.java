package dev.quiver.index.ivf;

/**
 * Hears the phases of an online rebuild ({@link IvfIndex#rebuild}), in order; what a job table shows as progress.
 * Called on the rebuilding thread; must be quick and thread-safe.
 */
@FunctionalInterface
public interface RebuildProgress {

  /** The phases of a rebuild, in order, with the share of a typical rebuild's time done when each starts. */
  enum Phase {
    SNAPSHOT(0.0), TRAINING(0.05), ASSIGNING(0.6), CALIBRATING(0.8), REPLAYING(0.95), DONE(1.0);

    private final double doneBefore;

    Phase(double doneBefore) {
      this.doneBefore = doneBefore;
    }

    /** Fraction of a typical rebuild's time spent before this phase starts (a progress figure, not a promise). */
    public double doneBefore() {
      return doneBefore;
    }
  }

  /** The rebuild entered {@code phase}. */
  void phase(Phase phase);

  /** The rebuild failed in its current phase; the index keeps its partitioning. No phase follows. */
  default void failed(Throwable cause) {}
}
