package dev.quiver.adapter;

/**
 * One connection's view of a database: which database it uses and the search options it set, from connection
 * properties and then {@code SET vector_search.… = …} statements.
 */
public final class QuiverSession {

  private final QuiverDatabase database;
  private final SearchOptions connectionOptions;
  private volatile SearchOptions sessionOptions = SearchOptions.NONE;

  /** A session on {@code database} whose connection properties set {@code connectionOptions}. */
  public QuiverSession(QuiverDatabase database, SearchOptions connectionOptions) {
    this.database = database;
    this.connectionOptions = connectionOptions;
  }

  /** The database this connection uses. */
  public QuiverDatabase database() {
    return database;
  }

  /** Options from SET statements, falling back to the connection's properties. */
  public SearchOptions options() {
    return sessionOptions.orElse(connectionOptions);
  }

  /** Sets (or, with a null value, resets) one option for the rest of the session. */
  public void set(String name, String value) {
    sessionOptions = sessionOptions.with("SET vector_search." + name, name, value);
  }

  /** Resets every option set by SET. */
  public void resetAll() {
    sessionOptions = SearchOptions.NONE;
  }
}
