package dev.quiver.functions;

import java.sql.SQLException;

/**
 * A mistake the user made (wrong dimension, NaN in a vector, a bad option value, …), raised where it is found —
 * often deep inside generated query code that may only throw unchecked exceptions — and turned into an
 * {@link SQLException} with its SQLSTATE when it reaches the JDBC boundary.
 */
public final class SqlUserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /** Creates an error with a SQLSTATE and a message that names the object, the value and the remedy. */
  public SqlUserError(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** Creates an error that keeps the exception that revealed it. */
  public SqlUserError(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The five-character SQLSTATE, e.g. {@code 22000}. */
  public String sqlState() {
    return sqlState;
  }

  /** The error as JDBC reports it. */
  public SQLException toSqlException() {
    return new SQLException(getMessage(), sqlState, this);
  }
}
