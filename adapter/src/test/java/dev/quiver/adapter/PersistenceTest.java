package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing and reopening a database directory gives back every table, row and vector, and the same answers. */
class PersistenceTest {

  @TempDir
  Path directory;

  @Test
  void reopenGivesBackTablesRowsAndSearchResults() throws Exception {
    String url = "jdbc:quiver:" + directory.resolve("db");
    float[] query = {0.5f, -1f, 2f, 0f};
    List<List<Object>> before;
    List<List<Object>> tablesBefore;
    List<List<Object>> partitionsBefore;
    try (SqlFixture sql = new SqlFixture(url)) {
      sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, category VARCHAR(10), published DATE,"
          + " price DECIMAL(10, 2), embedding VECTOR(4) METRIC COSINE)");
      sql.execute("CREATE TABLE notes (body VARCHAR)");
      Random random = new Random(7);
      try (PreparedStatement insert = sql.connection.prepareStatement(
          "INSERT INTO docs VALUES (?, ?, DATE '2026-11-23', ?, ?)")) {
        for (int id = 1; id <= 3_000; id++) {
          insert.setLong(1, id);
          insert.setString(2, id % 3 == 0 ? "news" : "blog");
          insert.setBigDecimal(3, new java.math.BigDecimal(id).movePointLeft(2));
          insert.setObject(4, new float[] {(float) random.nextGaussian(), (float) random.nextGaussian(),
              (float) random.nextGaussian(), (float) random.nextGaussian()});
          insert.addBatch();
        }
        insert.executeBatch();
      }
      sql.update("DELETE FROM docs WHERE id > 2990");
      sql.update("UPDATE docs SET category = 'moved', embedding = vector('[0.5, -1, 2, 0]') WHERE id = 17");
      sql.update("INSERT INTO notes VALUES ('kept')");
      sql.awaitIndexes();
      before = sql.query("SELECT /*+ vector_search(recall=1.0) */ id, category, published, price,"
          + " cosine_distance(embedding, ?) AS d FROM docs WHERE category <> 'blog' ORDER BY d LIMIT 5", query);
      tablesBefore = sql.query("SELECT * FROM quiver.tables ORDER BY table_name");
      partitionsBefore = sql.query("SELECT partition_id, size FROM quiver.partitions ORDER BY partition_id");
      assertTrue(partitionsBefore.size() > 100, "3,000 rows are partitioned: " + partitionsBefore.size());
      assertEquals(17L, before.get(0).get(0), "the updated vector equals the query");
    }
    try (SqlFixture sql = new SqlFixture(url)) {
      assertEquals(tablesBefore, sql.query("SELECT * FROM quiver.tables ORDER BY table_name"));
      assertEquals(List.of(List.of(2_990L)), sql.query("SELECT COUNT(*) FROM docs"));
      assertEquals(before, sql.query("SELECT /*+ vector_search(recall=1.0) */ id, category, published, price,"
          + " cosine_distance(embedding, ?) AS d FROM docs WHERE category <> 'blog' ORDER BY d LIMIT 5", query));
      assertEquals(List.of(List.of("kept")), sql.query("SELECT body FROM notes"));
      assertEquals(partitionsBefore, sql.query("SELECT partition_id, size FROM quiver.partitions"
          + " ORDER BY partition_id"), "the checkpoint restores the same partitions, without retraining");
      List<List<Object>> columns = sql.query("SELECT type, metric, indexed_vectors FROM quiver.vector_columns");
      assertEquals(List.of(List.of("VECTOR(4)", "COSINE", 2_990L)), columns);
      sql.execute("DROP TABLE notes");
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(directory.resolve("db").resolve("index"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ivf")).toList()) {
        java.nio.file.Files.write(file, new byte[] {1, 2, 3}); // a damaged checkpoint only costs a rebuild
      }
    }
    try (SqlFixture sql = new SqlFixture(url)) {
      assertEquals(List.of(List.of("docs")), sql.query("SELECT table_name FROM quiver.tables"));
      assertEquals(before, sql.query("SELECT /*+ vector_search(recall=1.0) */ id, category, published, price,"
          + " cosine_distance(embedding, ?) AS d FROM docs WHERE category <> 'blog' ORDER BY d LIMIT 5", query));
    }
  }

  @Test
  void connectionsToOneDirectoryShareTheDatabase() throws Exception {
    String url = "jdbc:quiver:" + directory.resolve("shared");
    try (SqlFixture first = new SqlFixture(url); SqlFixture second = new SqlFixture(url)) {
      first.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
      first.update("INSERT INTO t VALUES (1, vector('[1, 1]'))");
      assertEquals(List.of(List.of(1)), second.query("SELECT id FROM t ORDER BY l2_distance(v, vector('[1,1]'))"
          + " LIMIT 1"));
    }
  }

  @Test
  void createTableAsSelectKeepsVectorDimensionAndMetric() throws Exception {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE src (id BIGINT PRIMARY KEY, tag VARCHAR(5), e VECTOR(2) METRIC IP)");
      sql.update("INSERT INTO src VALUES (1, 'x', vector('[1, 0]')), (2, 'y', vector('[0, 1]'))");
      sql.execute("CREATE TABLE copy AS SELECT id, tag, e FROM src WHERE tag = 'y'");
      assertEquals(List.of(List.of("copy", "e", "VECTOR(2)", "IP", 1L)), sql.query(
          "SELECT table_name, column_name, type, metric, indexed_vectors FROM quiver.vector_columns"
              + " WHERE table_name = 'copy'"));
      assertTrue(sql.plan("SELECT id FROM copy ORDER BY negative_inner_product(e, vector('[1,1]')) LIMIT 1")
          .contains("VectorSearch"));
    }
  }
}
