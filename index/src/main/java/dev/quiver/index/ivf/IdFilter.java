package dev.quiver.index.ivf;

/**
 * Decides whether the vector with a given id may appear in a search's results: the engine's view of a SQL
 * {@code WHERE} clause, which it knows nothing else about.
 */
@FunctionalInterface
public interface IdFilter {

  /** Whether the vector with this id matches. */
  boolean test(long id);

  /**
   * The expected fraction of vectors that match, in (0, 1]. APS sizes its recall model for k / selectivity nearest
   * neighbours: to find k matches among a fraction s of the vectors the scan must reach about as far as an
   * unfiltered search for k / s, so it uses the model calibrated for that many.
   */
  default double selectivity() {
    return 1.0;
  }
}
