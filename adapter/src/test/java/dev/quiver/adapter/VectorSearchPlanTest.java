package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which query shapes become a VectorSearch, and which run as written (exactly). */
class VectorSearchPlanTest {

  private static SqlFixture sql;

  @BeforeAll
  static void create() throws SQLException {
    sql = new SqlFixture();
    sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(20), category VARCHAR(10),"
        + " embedding VECTOR(3) METRIC COSINE, other VECTOR(3))");
    sql.update("INSERT INTO docs VALUES (1, 'a', 'x', vector('[1,0,0]'), vector('[1,1,1]'))");
  }

  @AfterAll
  static void close() throws SQLException {
    sql.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]')) LIMIT 5",
      "SELECT id, title, cosine_distance(embedding, vector('[1,2,3]')) AS d FROM docs ORDER BY d LIMIT 5",
      "SELECT id, cosine_distance(embedding, vector('[1,2,3]')) FROM docs ORDER BY 2 LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]')) ASC LIMIT 5 OFFSET 10",
      "SELECT id FROM docs WHERE category = 'x' AND title LIKE 'a%' ORDER BY distance(embedding, ?) LIMIT ?",
      "SELECT * FROM docs ORDER BY distance(embedding, ?) LIMIT 3",
      "SELECT 1 - cosine_distance(embedding, ?) AS similarity FROM docs ORDER BY cosine_distance(embedding, ?)"
          + " LIMIT 3",
      "SELECT id FROM docs ORDER BY cosine_distance(?, embedding) LIMIT 3",
      "SELECT id FROM docs ORDER BY l2_distance(other, ?) LIMIT 3",
      "SELECT /*+ vector_search(recall=0.99) */ id FROM docs ORDER BY distance(embedding, ?) LIMIT 3",
      "SELECT id FROM docs ORDER BY distance(embedding, ARRAY[1, 2, 3]) FETCH FIRST 4 ROWS ONLY"})
  void rewritten(String query) throws SQLException {
    String plan = sql.plan(query);
    assertTrue(plan.contains("VectorSearch(table=[docs]"), plan);
    assertFalse(plan.contains("EnumerableSort") || plan.contains("EnumerableLimitSort"), plan);
  }

  @org.junit.jupiter.api.Test
  void rowsWithoutAVectorComeLastAsInTheExactPlan() throws SQLException {
    try (SqlFixture own = new SqlFixture()) {
      own.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
      own.update("INSERT INTO t VALUES (1, vector('[1, 0]')), (2, NULL), (3, vector('[0, 1]'))");
      String indexed = "SELECT id, l2_distance(v, vector('[1, 0]')) AS d FROM t ORDER BY d LIMIT 3";
      String exact = "SELECT id, l2_distance(v, vector('[1, 0]')) AS d FROM t ORDER BY d, id LIMIT 3";
      assertTrue(own.plan(indexed).contains("VectorSearch"));
      org.junit.jupiter.api.Assertions.assertEquals(own.query(exact), own.query(indexed));
      org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.asList(2, null),
          own.query(indexed + " OFFSET 2").get(0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]')) DESC LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]')), id LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]')) NULLS FIRST LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, vector('[1,2,3]'))",
      "SELECT id FROM docs ORDER BY l2_distance(embedding, vector('[1,2,3]')) LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(normalize(embedding), vector('[1,2,3]')) LIMIT 5",
      "SELECT id FROM docs ORDER BY cosine_distance(embedding, other) LIMIT 5",
      "SELECT id FROM docs WHERE id IN (SELECT id FROM docs WHERE title = 'a')"
          + " ORDER BY cosine_distance(embedding, vector('[1,2,3]')) LIMIT 5"})
  void runAsWritten(String query) throws SQLException {
    String plan = sql.plan(query);
    assertFalse(plan.contains("VectorSearch"), plan);
    sql.query(query); // and it still runs
  }
}
