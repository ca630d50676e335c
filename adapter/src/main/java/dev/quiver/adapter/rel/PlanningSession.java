package dev.quiver.adapter.rel;

import dev.quiver.adapter.SearchOptions;

/**
 * The search options of the connection whose statement is being planned on this thread, so that EXPLAIN can show
 * the options a query will run with. Execution resolves the options again, so a prepared statement follows later
 * {@code SET}s.
 */
public final class PlanningSession {

  private static final ThreadLocal<SearchOptions> CURRENT = new ThreadLocal<>();

  private PlanningSession() {}

  /** The options of the statement being planned, or none. */
  static SearchOptions options() {
    SearchOptions options = CURRENT.get();
    return options == null ? SearchOptions.NONE : options;
  }

  /** Runs {@code planning} with {@code options} as the current session's. */
  public static <T> T with(SearchOptions options, java.util.function.Supplier<T> planning) {
    SearchOptions previous = CURRENT.get();
    CURRENT.set(options);
    try {
      return planning.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
