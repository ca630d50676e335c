package dev.quiver.index.ivf;

/**
 * Decides whether the vector with a given id may appear in a search's results: the engine's view of a SQL
 * {@code WHERE} clause, which it knows nothing else about.
 */
@FunctionalInterface
public interface IdFilter {

  /** Whether the vector with this id matches. */
  boolean test(long id);
}
