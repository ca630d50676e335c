package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code CALL quiver.p(…)} runs as a query on every JDBC path — {@code Statement.execute} (which reports a result
 * set), {@code executeQuery}, and prepared statements with {@code ?} arguments — and is the same as
 * {@code SELECT * FROM TABLE(quiver.p(…))}. Procedures are named with their schema.
 */
class ProcedureCallTest {

  private SqlFixture sql;

  @BeforeEach
  void create() throws SQLException {
    sql = new SqlFixture();
    sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, embedding VECTOR(2))");
    for (int id = 1; id <= 12; id++) {
      sql.update("INSERT INTO docs VALUES (?, ?)", (long) id, new float[] {id, id % 3});
    }
  }

  @AfterEach
  void close() throws SQLException {
    sql.close();
  }

  private static List<String> columns(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i));
    }
    return names;
  }

  @Test
  void executeReportsAResultSet() throws SQLException {
    try (Statement statement = sql.connection.createStatement()) {
      assertTrue(statement.execute("CALL quiver.rebuild('docs', 3)"), "CALL returns rows");
      try (ResultSet rows = statement.getResultSet()) {
        assertEquals(List.of("table_name", "column_name", "vectors", "partitions_before", "partitions_after",
            "duration_ms"), columns(rows));
        assertTrue(rows.next());
        assertEquals("docs", rows.getString("table_name"));
        assertEquals("embedding", rows.getString("column_name"));
        assertEquals(12, rows.getLong("vectors"));
        assertEquals(1, rows.getInt("partitions_before"));
        assertEquals(3, rows.getInt("partitions_after"));
        assertTrue(rows.getDouble("duration_ms") >= 0);
        assertTrue(!rows.next(), "one row per vector column");
      }
    }
  }

  @Test
  void executeQueryAndTheTableFunctionFormAgree() throws SQLException {
    sql.execute("SET vector_search.recall = 1.0");
    List<Object> called;
    try (Statement statement = sql.connection.createStatement();
        ResultSet rows = statement.executeQuery("call Quiver.Check_Recall('DOCS', 5)")) {
      assertTrue(rows.next());
      called = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        called.add(rows.getObject(i));
      }
    }
    assertEquals(List.of(called), sql.query("SELECT * FROM TABLE(quiver.check_recall('docs', 5))"));
    assertEquals(List.of("docs", "embedding", 5, 10, 1.0, 1.0, 1.0, 1.0, 1), called);
  }

  @Test
  void preparedCallTakesParameters() throws SQLException {
    try (PreparedStatement call = sql.connection.prepareStatement("CALL quiver.rebuild(?, ?)")) {
      for (int nlist : new int[] {2, 4}) {
        call.setString(1, "docs");
        call.setInt(2, nlist);
        try (ResultSet rows = call.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(nlist, rows.getInt("partitions_after"));
        }
      }
    }
    assertEquals(List.of(List.of(4)), sql.query("SELECT partitions FROM quiver.vector_columns"));
    try (PreparedStatement call = sql.connection.prepareStatement("CALL quiver.check_recall(?, ?, ?)")) {
      call.setString(1, "docs");
      call.setInt(2, 3);
      call.setString(3, "embedding");
      try (ResultSet rows = call.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(3, rows.getInt("queries"));
      }
    }
  }

  @Test
  void namedArgumentsAndOptionalOnesLeftOut() throws SQLException {
    assertEquals(List.of(List.of(1)),
        sql.query("SELECT partitions_after FROM TABLE(quiver.rebuild(table_name => 'docs'))"));
    assertEquals(List.of(List.of(6)),
        sql.query("SELECT partitions_after FROM TABLE(quiver.rebuild(nlist => 6, table_name => 'docs'))"));
  }

  @Test
  void proceduresAreNamedWithTheirSchema() {
    SQLException bare = assertThrows(SQLException.class, () -> sql.execute("CALL rebuild('docs')"));
    assertEquals("42883", bare.getSQLState(), bare.getMessage());
    assertTrue(bare.getMessage().contains("procedure rebuild does not exist; procedures live in schema quiver:"
        + " write CALL quiver.rebuild(…)"), bare.getMessage());
    SQLException unknown = assertThrows(SQLException.class, () -> sql.execute("CALL quiver.rebuilt('docs')"));
    assertEquals("42883", unknown.getSQLState(), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("procedure quiver.rebuilt does not exist; the procedures are"
        + " quiver.reindex(table_name VARCHAR [, column_name VARCHAR]), quiver.rebuild(table_name VARCHAR"
        + " [, nlist INTEGER]), quiver.set_maintenance(table_name VARCHAR, policy VARCHAR [, option VARCHAR, …]),"
        + " quiver.check_recall(table_name VARCHAR, n INTEGER [, column_name VARCHAR])"), unknown.getMessage());
    SQLException other = assertThrows(SQLException.class, () -> sql.execute("CALL public.docs()"));
    assertEquals("42883", other.getSQLState(), other.getMessage());
  }

  @Test
  void wrongArgumentsNameTheSignature() {
    SQLException none = assertThrows(SQLException.class, () -> sql.execute("CALL quiver.rebuild()"));
    assertEquals("42883", none.getSQLState(), none.getMessage());
    assertTrue(none.getMessage().contains("quiver.rebuild(table_name VARCHAR [, nlist INTEGER])"), none.getMessage());
    SQLException many = assertThrows(SQLException.class, () -> sql.execute("CALL quiver.rebuild('docs', 1, 2)"));
    assertEquals("42883", many.getSQLState(), many.getMessage());
  }
}
