package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JDBC batches of INSERT … VALUES (?, …) are one transaction each and behave like the same rows one by one. */
class BatchInsertTest {

  @Test
  void batchWithColumnListInsertsEveryRowAndIndexesIt() throws SQLException {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, n INTEGER, published DATE, e VECTOR(2))");
      try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO t (e, id, published) VALUES (?, ?, ?)")) {
        for (int i = 0; i < 3; i++) {
          insert.setString(1, "[" + i + ", 0]");
          insert.setLong(2, i);
          insert.setDate(3, java.sql.Date.valueOf("2026-11-2" + i));
          insert.addBatch();
        }
        assertArrayEquals(new int[] {1, 1, 1}, insert.executeBatch());
      }
      assertEquals(List.of(List.of(2L, java.sql.Date.valueOf("2026-11-22")), List.of(1L, java.sql.Date.valueOf(
          "2026-11-21"))), sql.query("SELECT id, published FROM t WHERE n IS NULL ORDER BY l2_distance(e, ?) LIMIT 2",
          (Object) new float[] {2, 0}));
    }
  }

  @Test
  void aReusedParameterArrayDoesNotOverwriteEarlierRows() throws SQLException {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, e VECTOR(2))");
      float[] buffer = new float[2];
      try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < 3; i++) {
          buffer[0] = i;
          buffer[1] = -i;
          insert.setLong(1, i);
          insert.setObject(2, buffer);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      assertEquals(List.of(List.of("[0.0,0.0]"), List.of("[1.0,-1.0]"), List.of("[2.0,-2.0]")),
          sql.query("SELECT vector_text(e) FROM t ORDER BY id"));
    }
  }

  @Test
  void aBadRowFailsTheWholeBatch() throws SQLException {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, e VECTOR(2))");
      try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        insert.setLong(1, 1);
        insert.setObject(2, new float[] {1, 2});
        insert.addBatch();
        insert.setLong(1, 2);
        insert.setObject(2, new float[] {1, 2, 3});
        insert.addBatch();
        SQLException e = assertThrows(SQLException.class, insert::executeBatch);
        assertEquals("22000", e.getSQLState());
        // A single execute with the current parameters still goes through the SQL path, with the same check.
        SQLException single = assertThrows(SQLException.class, insert::executeUpdate);
        assertEquals("22000", single.getSQLState());
      }
      assertEquals(List.of(List.of(0L)), sql.query("SELECT COUNT(*) FROM t"));
    }
  }
}
