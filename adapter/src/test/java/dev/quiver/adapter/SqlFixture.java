package dev.quiver.adapter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helper: a private in-memory Quiver connection and one-line statements. */
final class SqlFixture implements AutoCloseable {

  private static final AtomicInteger NEXT = new AtomicInteger();

  final Connection connection;

  SqlFixture() throws SQLException {
    this("jdbc:quiver:mem:test-" + NEXT.incrementAndGet());
  }

  SqlFixture(String url) throws SQLException {
    connection = DriverManager.getConnection(url);
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    }
  }

  List<List<Object>> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        List<List<Object>> result = new ArrayList<>();
        int width = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= width; i++) {
            row.add(rows.getObject(i));
          }
          result.add(row);
        }
        return result;
      }
    }
  }

  /**
   * Brings every vector index up to date now: starts the rebuilds that are due (a search would start them) and waits
   * until they are published, so a test sees the partitioned index rather than the one it replaces.
   */
  void awaitIndexes() throws SQLException {
    QuiverSession session = dev.quiver.adapter.system.SystemSchema.sessionOf(
        connection.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getRootSchema());
    for (dev.quiver.adapter.table.VectorTable table : session.database().tables()) {
      for (int ordinal : table.definition().vectorColumns()) {
        table.refreshIndex(ordinal);
      }
      table.awaitIndexes();
    }
  }

  /** The plan EXPLAIN shows; parameters are bound to NULL (EXPLAIN does not run the query). */
  String plan(String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement statement = connection.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
      for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
        statement.setObject(i, null);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1));
        }
      }
    }
    return plan.toString();
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
