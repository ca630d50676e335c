package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User mistakes give an SQLException with a SQLSTATE and a message naming the object and remedy; nothing changes. */
class SqlErrorsTest {

  private SqlFixture sql;

  @BeforeEach
  void create() throws SQLException {
    sql = new SqlFixture();
    sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(20), embedding VECTOR(3) METRIC COSINE)");
    sql.update("INSERT INTO docs VALUES (1, 'one', vector('[1,0,0]')), (2, 'two', vector('[0,1,0]'))");
  }

  @AfterEach
  void close() throws SQLException {
    sql.close();
  }

  private SQLException fails(String statement, Object... parameters) {
    return assertThrows(SQLException.class, () -> {
      if (statement.startsWith("SELECT") || statement.startsWith("EXPLAIN")) {
        sql.query(statement, parameters);
      } else {
        sql.update(statement, parameters);
      }
    });
  }

  private void expect(String state, String fragment, String statement, Object... parameters) {
    SQLException e = fails(statement, parameters);
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain " + fragment);
  }

  @Test
  void dimensionMismatchOnInsertChangesNothing() throws SQLException {
    expect("22000", "docs.embedding is VECTOR(3) but the value has 2 dimensions",
        "INSERT INTO docs VALUES (3, 'three', vector('[1,2,3]')), (4, 'four', vector('[1,2]'))");
    assertEquals(List.of(List.of(2L)), sql.query("SELECT COUNT(*) FROM docs"), "the statement is atomic");
  }

  @Test
  void dimensionMismatchOfTheQueryVector() {
    expect("22000", "the query vector has 2 dimensions but docs.embedding is VECTOR(3)",
        "SELECT id FROM docs ORDER BY cosine_distance(embedding, ?) LIMIT 1", (Object) new float[] {1, 2});
  }

  @Test
  void nanAndInfinityAreRejected() throws SQLException {
    expect("22000", "component 2 is NaN", "INSERT INTO docs VALUES (3, 'x', vector('[1,NaN,3]'))");
    expect("22000", "Infinity", "INSERT INTO docs VALUES (3, ?, ?)", "x", new float[] {1, Float.POSITIVE_INFINITY, 0});
    expect("22P02", "invalid vector text", "INSERT INTO docs VALUES (3, 'x', vector('1,2,3'))");
    assertEquals(List.of(List.of(2L)), sql.query("SELECT COUNT(*) FROM docs"));
  }

  @Test
  void nullQueryVector() {
    expect("22004", "query vector for docs.embedding is NULL",
        "SELECT id FROM docs ORDER BY cosine_distance(embedding, ?) LIMIT 1", (Object) null);
  }

  @Test
  void unknownTableColumnAndFunction() {
    expect("42P01", "table nope does not exist", "SELECT * FROM nope");
    expect("42703", "column nope does not exist", "SELECT nope FROM docs");
    expect("42883", "No match found for function signature", "SELECT hamming_distance(embedding, embedding) FROM docs");
  }

  @Test
  void metricMismatchWithAHintIsAnError() throws SQLException {
    expect("42809", "metric mismatch: docs.embedding is indexed for METRIC COSINE but the query orders by l2_distance",
        "SELECT /*+ vector_search(recall=0.9) */ id FROM docs ORDER BY l2_distance(embedding, vector('[1,0,0]'))"
            + " LIMIT 1");
    // Without the hint the query is evaluated exactly.
    assertEquals(List.of(List.of(1L)),
        sql.query("SELECT id FROM docs ORDER BY l2_distance(embedding, vector('[1,0,0]')) LIMIT 1"));
  }

  @Test
  void badOptionValues() throws SQLException {
    expect("22023", "invalid value '1.5' for recall",
        "SELECT /*+ vector_search(recall=1.5) */ id FROM docs ORDER BY distance(embedding, vector('[1,0,0]')) LIMIT 1");
    expect("22023", "unknown option 'probes'",
        "SELECT /*+ vector_search(probes=3) */ id FROM docs ORDER BY distance(embedding, vector('[1,0,0]')) LIMIT 1");
    SQLException set = assertThrows(SQLException.class, () -> sql.execute("SET vector_search.recall = 0"));
    assertEquals("22023", set.getSQLState());
    SQLException unknown = assertThrows(SQLException.class, () -> sql.execute("SET vector_search.speed = 3"));
    assertEquals("22023", unknown.getSQLState());
    SQLException other = assertThrows(SQLException.class, () -> sql.execute("SET work_mem = 3"));
    assertEquals("42704", other.getSQLState());
  }

  @Test
  void duplicateKeyChangesNothing() throws SQLException {
    expect("23505", "docs.id = 2 already exists",
        "INSERT INTO docs VALUES (3, 'three', vector('[1,1,0]')), (2, 'again', vector('[1,1,1]'))");
    expect("23505", "docs.id = 5", "INSERT INTO docs VALUES (5, 'a', vector('[1,1,0]')), (5, 'b', vector('[1,1,1]'))");
    expect("23505", "docs.id = 1 already exists; nothing was written; choose a key no other row has",
        "UPDATE docs SET id = 1 WHERE id = 2");
    assertEquals(List.of(List.of(1L, "one"), List.of(2L, "two")), sql.query("SELECT id, title FROM docs ORDER BY id"));
  }

  @Test
  void notNullTooLongAndZeroCosineVector() {
    expect("23502", "does not allow NULLs", "INSERT INTO docs VALUES (NULL, 'x', vector('[1,0,0]'))");
    expect("22001", "value too long for column docs.title", "INSERT INTO docs VALUES (7, ?, vector('[1,0,0]'))",
        "a title that is far too long for twenty characters");
    expect("22000", "METRIC COSINE, which is undefined for the zero vector",
        "INSERT INTO docs VALUES (7, 'zero', vector('[0,0,0]'))");
    // A NULL that only shows at run time (a parameter) is caught by the table, naming the column.
    expect("23502", "docs.id cannot be NULL", "INSERT INTO docs VALUES (?, 'x', vector('[1,0,0]'))", (Object) null);
  }

  @Test
  void wrongValueTypesAndReadOnlySystemTables() throws SQLException {
    expect("42804", "cannot be converted", "INSERT INTO docs VALUES (3, 'c', 'not a vector')");
    expect("42804", "Cannot assign to target field", "INSERT INTO docs VALUES (3, 'c', 42)");
    expect("42804", "3 is not a vector", "SELECT l2_distance(embedding, 3) FROM docs");
    expect("42809", "read-only", "DELETE FROM quiver.tables");
    assertEquals(List.of(List.of(2L)), sql.query("SELECT COUNT(*) FROM docs"));
  }

  @Test
  void aStatementPreparedBeforeDropTableDoesNotWriteIntoItsSuccessor() throws SQLException {
    try (java.sql.PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
      sql.execute("DROP TABLE docs");
      sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(20), embedding VECTOR(3) METRIC COSINE)");
      insert.setLong(1, 9);
      insert.setString(2, "late");
      insert.setObject(3, new float[] {1, 2, 3});
      SQLException e = assertThrows(SQLException.class, insert::executeUpdate);
      assertEquals("42P01", e.getSQLState(), e.getMessage());
    }
    assertEquals(List.of(List.of(0L)), sql.query("SELECT COUNT(*) FROM docs"));
  }

  @Test
  void tableErrors() throws SQLException {
    SQLException exists = assertThrows(SQLException.class,
        () -> sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY)"));
    assertEquals("42P07", exists.getSQLState());
    sql.execute("CREATE TABLE IF NOT EXISTS docs (id BIGINT PRIMARY KEY)");
    SQLException missing = assertThrows(SQLException.class, () -> sql.execute("DROP TABLE nope"));
    assertEquals("42P01", missing.getSQLState());
    sql.execute("DROP TABLE IF EXISTS nope");
    SQLException metric = assertThrows(SQLException.class,
        () -> sql.execute("CREATE TABLE t (id BIGINT, e VECTOR(3) METRIC MANHATTAN)"));
    assertEquals("22023", metric.getSQLState());
    SQLException syntax = assertThrows(SQLException.class, () -> sql.execute("CREATE TABLE t (id BIGINT, e VECTOR(0))"));
    assertTrue(syntax.getSQLState().startsWith("42"), syntax.getSQLState() + " " + syntax.getMessage());
  }

  @Test
  void connectionPropertiesAreWhitelisted() {
    SQLException e = assertThrows(SQLException.class,
        () -> java.sql.DriverManager.getConnection("jdbc:quiver:mem:;model=/etc/passwd"));
    assertEquals("08001", e.getSQLState());
    SQLException bad = assertThrows(SQLException.class,
        () -> java.sql.DriverManager.getConnection("jdbc:quiver:mem:;vector_search.recall=2"));
    assertEquals("22023", bad.getSQLState());
  }
}
