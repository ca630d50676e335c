package dev.quiver.adapter.jdbc;

import dev.quiver.adapter.procedure.QuiverProcedures;
import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.functions.SqlUserError;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever failed inside Calcite, the adapter or the engine into the {@link SQLException} a JDBC user should
 * see: the SQLSTATE of a {@link SqlUserError} raised anywhere in the cause chain, or one inferred for Calcite's
 * validation and parse errors (whose exceptions carry no SQLSTATE), with a remedy added to the message.
 */
final class JdbcErrors {

  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found.*");
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found.*");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found.*");
  private static final Pattern FUNCTION_SIGNATURE =
      Pattern.compile("No match found for function signature ([^(]*)\\(.*");

  private JdbcErrors() {}

  /** The exception to throw for {@code failure}. */
  static SQLException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SqlUserError error) {
        return new SQLException(error.getMessage(), error.sqlState(), failure);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException context) {
        return validation(context, failure);
      }
      if (t instanceof SqlParseException parse) {
        return new SQLException("syntax error: " + firstLine(parse.getMessage()), "42601", failure);
      }
    }
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    String text = messages.toString();
    if (text.contains("There are not enough rules") && text.contains("TableModify")) {
      return new SQLException("this table cannot be changed (the quiver.* system tables are read-only); change"
          + " tables of schema public", "42809", failure);
    }
    if (text.contains("Unable to implement VectorTableModify") || failedCast(failure)) {
      return new SQLException("a value cannot be converted to its column's type; give vectors as vector('[…]'),"
          + " ARRAY[…] or a float[] parameter, and scalars of the column's type", "42804", failure);
    }
    if (failure instanceof SQLException sql) {
      return sql;
    }
    return new SQLException(String.valueOf(failure.getMessage()), failure);
  }

  private static SQLException validation(CalciteContextException context, Throwable failure) {
    String message = context.getCause() != null && context.getCause().getMessage() != null
        ? context.getCause().getMessage() : String.valueOf(context.getMessage());
    String position = "line " + context.getPosLine() + ", column " + context.getPosColumn();
    Matcher matcher = OBJECT_NOT_FOUND.matcher(message);
    if (!matcher.matches()) {
      matcher = TABLE_NOT_FOUND.matcher(message);
    }
    if (matcher.matches()) {
      return new SQLException("table " + matcher.group(1) + " does not exist (" + position + "); SELECT * FROM"
          + " quiver.tables lists the tables", "42P01", failure);
    }
    matcher = COLUMN_NOT_FOUND.matcher(message);
    if (matcher.matches()) {
      return new SQLException("column " + matcher.group(1) + " does not exist (" + position + "): " + message
          + "; SELECT * FROM quiver.vector_columns lists vector columns", "42703", failure);
    }
    if (message.startsWith("Cannot assign to target field")) {
      return new SQLException(message + " (" + position + "); give vectors as vector('[…]'), ARRAY[…] or a float[]"
          + " parameter, and scalars of the column's type", "42804", failure);
    }
    if (message.contains("does not allow NULLs")) {
      return new SQLException(message + " (" + position + "); give the column a value", "23502", failure);
    }
    matcher = FUNCTION_SIGNATURE.matcher(message);
    if (matcher.matches() && QuiverProcedures.find(matcher.group(1)) != null) {
      return new SQLException(message + " (" + position + "); call it as "
          + QuiverProcedures.find(matcher.group(1)).signature(SystemSchema.NAME), "42883", failure);
    }
    if (message.startsWith("No match found for function signature")) {
      return new SQLException(message + " (" + position + "); the vector functions are l2_distance,"
          + " cosine_distance, inner_product, negative_inner_product, distance, vector_dims, vector_norm,"
          + " normalize, vector and vector_text", "42883", failure);
    }
    if (message.startsWith("Cannot apply")) {
      return new SQLException(message + " (" + position + "); pass vectors (a VECTOR column, vector('[…]') or"
          + " ARRAY[…]) to vector functions", "42883", failure);
    }
    return new SQLException(message + " (" + position + ")", "42000", failure);
  }

  /** Whether Calcite failed to generate a CAST it had accepted (e.g. text into a vector column). */
  private static boolean failedCast(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AssertionError && t.getStackTrace().length > 0
          && t.getStackTrace()[0].getClassName().endsWith("RexToLixTranslator")) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
