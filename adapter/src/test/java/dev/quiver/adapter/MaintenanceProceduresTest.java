package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code CALL quiver.rebuild} and {@code CALL quiver.check_recall} on real tables: a rebuild changes the
 * partitioning and loses no row, not even one written while it runs; check_recall measures what searches get;
 * {@code quiver.maintenance_log} and {@code quiver.jobs} show what happened and what runs; and every mistake is an
 * error with its SQLSTATE that changes nothing.
 */
class MaintenanceProceduresTest {

  private static final long SEED = 5L;
  private static final int DIM = 8;

  private static float[] vector(Random random) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = random.nextFloat();
    }
    return v;
  }

  /** Inserts rows {@code from} … {@code to − 1}, row i with vector(new Random(SEED + i)), in one batch. */
  private static void insertRows(SqlFixture sql, int from, int to) throws SQLException {
    try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO docs VALUES (?, ?)")) {
      for (int id = from; id < to; id++) {
        insert.setLong(1, id);
        insert.setObject(2, vector(new Random(SEED + id)));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static SqlFixture docs(String url, int rows) throws SQLException {
    SqlFixture sql = url == null ? new SqlFixture() : new SqlFixture(url);
    sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, embedding VECTOR(" + DIM + "))");
    insertRows(sql, 0, rows);
    return sql;
  }

  private static double squaredL2(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  @Test
  void rebuildChangesTheNumberOfPartitionsAndEveryRowStaysFindable() throws SQLException {
    int rows = 3_000;
    try (SqlFixture sql = docs(null, rows)) {
      sql.awaitIndexes();
      assertEquals(List.of(List.of("docs", "embedding", (long) rows, 219, 16)), sql.query("SELECT table_name,"
          + " column_name, vectors, partitions_before, partitions_after FROM TABLE(quiver.rebuild('docs', 16))"));
      assertEquals(List.of(List.of(16, (long) rows)),
          sql.query("SELECT partitions, indexed_vectors FROM quiver.vector_columns"));
      String exact = "SELECT /*+ vector_search(recall=1.0) */ id FROM docs ORDER BY l2_distance(embedding, ?)"
          + " LIMIT 10";
      Random random = new Random(SEED);
      for (int q = 0; q < 20; q++) {
        float[] query = vector(random);
        List<List<Object>> expected = new ArrayList<>();
        java.util.stream.IntStream.range(0, rows).boxed()
            .sorted(Comparator.comparingDouble((Integer id) -> squaredL2(query, vector(new Random(SEED + id))))
                .thenComparing(id -> id))
            .limit(10).forEach(id -> expected.add(List.of((long) id)));
        assertEquals(expected, sql.query(exact, (Object) query), "query " + q + " after the rebuild");
      }
      // Every row is in the rebuilt index: an exact search for its own vector finds it first.
      String nearest = "SELECT /*+ vector_search(recall=1.0) */ id FROM docs ORDER BY l2_distance(embedding, ?)"
          + " LIMIT 1";
      for (int id = 0; id < rows; id += 29) {
        assertEquals(List.of(List.of((long) id)), sql.query(nearest, (Object) vector(new Random(SEED + id))));
      }
      // Left out, nlist is the default for the size again: 4·√3000 ≈ 219.
      assertEquals(List.of(List.of(16, 219)),
          sql.query("SELECT partitions_before, partitions_after FROM TABLE(quiver.rebuild('docs'))"));
    }
  }

  @Test
  void writesMadeWhileACallRebuildRunsAreNotLost() throws Exception {
    int rows = 20_000;
    String url = "jdbc:quiver:mem:maintenance-writes-" + SEED;
    try (SqlFixture sql = docs(url, rows); SqlFixture writer = new SqlFixture(url)) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger inserted = new AtomicInteger();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Set<Long>> writes = pool.submit(() -> {
        Set<Long> deleted = new HashSet<>();
        Random random = new Random(SEED + 1);
        while (!done.get()) {
          int id = rows + inserted.get();
          writer.update("INSERT INTO docs VALUES (?, ?)", (long) id, vector(new Random(SEED + id)));
          inserted.incrementAndGet();
          long victim = random.nextInt(rows);
          if (deleted.add(victim)) {
            writer.update("DELETE FROM docs WHERE id = ?", victim);
          }
        }
        return deleted;
      });
      while (inserted.get() < 20) {
        Thread.sleep(1);
      }
      int before = inserted.get();
      List<List<Object>> result = sql.query("SELECT vectors, partitions_after FROM TABLE(quiver.rebuild('docs', 50))");
      int during = inserted.get() - before;
      done.set(true);
      Set<Long> deleted = writes.get(60, TimeUnit.SECONDS);
      pool.shutdown();
      assertEquals(50, result.get(0).get(1));
      assertTrue(during > 0, "the writer wrote while the CALL ran");
      String detail = (String) sql.query("SELECT detail FROM quiver.maintenance_log").get(0).get(0);
      assertTrue(!detail.endsWith("; 0 writes replayed"), "writes were replayed onto the new index: " + detail);

      Set<Long> expected = new HashSet<>();
      for (long id = 0; id < rows + inserted.get(); id++) {
        expected.add(id);
      }
      expected.removeAll(deleted);
      Set<Long> actual = new HashSet<>();
      for (List<Object> row : sql.query("SELECT id FROM docs")) {
        actual.add((Long) row.get(0));
      }
      assertEquals(expected, actual, "the committed rows");
      assertEquals(List.of(List.of(50, (long) expected.size())),
          sql.query("SELECT partitions, indexed_vectors FROM quiver.vector_columns"), "the index holds them all");
      String nearest = "SELECT /*+ vector_search(recall=1.0) */ id FROM docs ORDER BY l2_distance(embedding, ?)"
          + " LIMIT 1";
      for (int id = rows; id < rows + inserted.get(); id++) {
        assertEquals(List.of(List.of((long) id)), sql.query(nearest, (Object) vector(new Random(SEED + id))),
            "row " + id + ", inserted during the rebuild, is found");
      }
    }
  }

  @Test
  void checkRecallMeasuresWhatSearchesGet() throws SQLException {
    try (SqlFixture sql = docs(null, 3_000)) {
      sql.awaitIndexes();
      String check = "SELECT queries, k, recall_target, recall_mean, recall_p10, partitions_mean, exact_partitions"
          + " FROM TABLE(quiver.check_recall('docs', 50))";
      List<Object> approximate = sql.query(check).get(0);
      assertEquals(List.of(50, 10, 0.9), approximate.subList(0, 3));
      double mean = (Double) approximate.get(3);
      double p10 = (Double) approximate.get(4);
      double partitions = (Double) approximate.get(5);
      assertTrue(mean >= 0 && mean <= 1 && p10 <= mean, approximate.toString());
      assertTrue(mean >= 0.8, "APS at 0.9 gets close to its target: " + approximate);
      assertTrue(partitions >= 1 && partitions < 219, approximate.toString());
      assertEquals(219, approximate.get(6));
      assertEquals(approximate, sql.query(check).get(0), "the sample is seeded: the same data, the same answer");

      sql.execute("SET vector_search.recall = 1.0");
      assertEquals(List.of(50, 10, 1.0, 1.0, 1.0, 219.0, 219), sql.query(check).get(0));
      sql.execute("SET vector_search.nprobe = 3");
      List<Object> fixed = sql.query(check).get(0);
      assertEquals(null, fixed.get(2), "a fixed nprobe has no recall target");
      assertEquals(3.0, fixed.get(5));
    }
  }

  @Test
  void checkRecallSamplesAtMostTheColumnsVectorsAndNamesTheColumnOfSeveral() throws SQLException {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE pairs (id BIGINT PRIMARY KEY, a VECTOR(2), b VECTOR(2) METRIC COSINE)");
      sql.update("INSERT INTO pairs VALUES (1, ARRAY[1, 0], ARRAY[0, 1]), (2, ARRAY[0, 1], ARRAY[1, 1]),"
          + " (3, ARRAY[2, 2], NULL)");
      assertEquals(List.of(List.of("pairs", "b", 2, 1.0)), sql.query("SELECT table_name, column_name, queries,"
          + " recall_mean FROM TABLE(quiver.check_recall('pairs', 100, 'B'))"));
      SQLException ambiguous = assertThrows(SQLException.class,
          () -> sql.query("SELECT * FROM TABLE(quiver.check_recall('pairs', 5))"));
      assertEquals("42702", ambiguous.getSQLState(), ambiguous.getMessage());
      assertTrue(ambiguous.getMessage().contains("table pairs has 2 vector columns (a, b); name one"),
          ambiguous.getMessage());
      // rebuild takes every vector column, one row each.
      assertEquals(List.of(List.of("a", 3L), List.of("b", 2L)),
          sql.query("SELECT column_name, vectors FROM TABLE(quiver.rebuild('pairs'))"));
      sql.execute("CREATE TABLE unfilled (id BIGINT PRIMARY KEY, v VECTOR(2))");
      assertEquals(List.of(java.util.Arrays.asList(0, null, null, 0)), sql.query("SELECT queries, recall_mean,"
          + " partitions_mean, exact_partitions FROM TABLE(quiver.check_recall('unfilled', 5))"));
    }
  }

  @Test
  void theLogHasARowPerRebuildAndNoJobOutlivesItsCall() throws SQLException {
    try (SqlFixture sql = docs(null, 100)) {
      sql.execute("CALL quiver.rebuild('docs', 5)");
      sql.execute("CALL quiver.rebuild('docs')");
      assertEquals(List.of(), sql.query("SELECT * FROM quiver.jobs"));
      assertEquals(List.of(
              List.of(1L, "docs", "embedding", "rebuild", 1, 5, 100L,
                  "CALL quiver.rebuild with nlist 5; 0 writes replayed"),
              List.of(2L, "docs", "embedding", "rebuild", 5, 1, 100L, "CALL quiver.rebuild; 0 writes replayed")),
          sql.query("SELECT event_id, table_name, column_name, action, partitions_before, partitions_after,"
              + " vectors_moved, detail FROM quiver.maintenance_log ORDER BY event_id"));
      List<Object> timing = sql.query("SELECT started_at, duration_ms FROM quiver.maintenance_log").get(0);
      long startedAt = ((java.sql.Timestamp) timing.get(0)).getTime();
      assertTrue(Math.abs(System.currentTimeMillis() - startedAt) < 60_000, "started_at is now: " + timing);
      assertTrue((Double) timing.get(1) >= 0);
    }
  }

  @Test
  void automaticRebuildsAreShownAsJobsThenLoggedAndACallWaitsForThem() throws Exception {
    try (SqlFixture sql = docs(null, 30_000)) {
      // The first search finds the single partition outgrown and starts a rebuild in the background.
      sql.query("SELECT id FROM docs ORDER BY l2_distance(embedding, ?) LIMIT 1", (Object) new float[DIM]);
      List<List<Object>> jobs = sql.query("SELECT kind, phase, progress, vectors, elapsed_ms, started_at"
          + " FROM quiver.jobs");
      assertEquals(1, jobs.size(), "the rebuild runs: " + jobs);
      List<Object> job = jobs.get(0);
      assertEquals("rebuild", job.get(0));
      assertTrue(Set.of("snapshot", "training", "assigning", "calibrating", "replaying").contains(job.get(1)), job
          .toString());
      double progress = (Double) job.get(2);
      assertTrue(progress >= 0 && progress <= 1, job.toString());
      assertTrue((Double) job.get(4) >= 0, job.toString());
      // A CALL now waits for that rebuild to be published, then runs its own.
      assertEquals(List.of(List.of(7)),
          sql.query("SELECT partitions_after FROM TABLE(quiver.rebuild('docs', 7))"));
      assertEquals(List.of(), sql.query("SELECT * FROM quiver.jobs"));
      List<List<Object>> log = sql.query("SELECT partitions_before, partitions_after, vectors_moved, detail"
          + " FROM quiver.maintenance_log ORDER BY event_id");
      assertEquals(2, log.size(), log.toString());
      assertEquals(List.of(1, 693, 30_000L), log.get(0).subList(0, 3));
      assertTrue(((String) log.get(0).get(3)).startsWith("automatic"), log.toString());
      assertEquals(List.of(693, 7, 30_000L), log.get(1).subList(0, 3));
    }
  }

  @Test
  void mistakesAreErrorsWithTheirSqlStateAndChangeNothing() throws SQLException {
    try (SqlFixture sql = docs(null, 40)) {
      sql.execute("CREATE TABLE plain (id BIGINT PRIMARY KEY, title VARCHAR(10))");
      expect(sql, "42P01", "quiver.rebuild: table nope does not exist; SELECT * FROM quiver.tables lists the tables",
          "CALL quiver.rebuild('nope')");
      expect(sql, "42P01", "quiver.check_recall: table nope does not exist", "CALL quiver.check_recall('nope', 5)");
      expect(sql, "42809", "quiver.rebuild: table plain has no VECTOR column", "CALL quiver.rebuild('plain')");
      expect(sql, "42809", "quiver.check_recall: table plain has no VECTOR column",
          "CALL quiver.check_recall('plain', 5)");
      expect(sql, "42809", "column docs.id is not a VECTOR column", "CALL quiver.check_recall('docs', 5, 'id')");
      expect(sql, "42703", "table docs has no column nope", "CALL quiver.check_recall('docs', 5, 'nope')");
      expect(sql, "22023", "quiver.rebuild: nlist 0 for docs is not a number of partitions; give at least 1",
          "CALL quiver.rebuild('docs', 0)");
      expect(sql, "22023", "quiver.rebuild: nlist 41 for docs.embedding exceeds its 40 vectors; give 1 to 40"
          + " partitions", "CALL quiver.rebuild('docs', 41)");
      expect(sql, "22023", "quiver.check_recall: n 0 for docs.embedding is out of range; give 1 to 10000 queries",
          "CALL quiver.check_recall('docs', 0)");
      expect(sql, "22023", "n 10001", "CALL quiver.check_recall('docs', 10001)");
      expect(sql, "22004", "quiver.rebuild: argument table_name is NULL; give a value", "CALL quiver.rebuild(NULL)");
      expect(sql, "22004", "quiver.rebuild: argument nlist is NULL; give a value, or leave the argument out for its"
          + " default", "CALL quiver.rebuild('docs', NULL)");
      expect(sql, "22004", "argument n is NULL", "CALL quiver.check_recall('docs', NULL)");
      expect(sql, "22004", "argument column_name is NULL", "CALL quiver.check_recall('docs', 5, NULL)");
      assertEquals(List.of(List.of(1)), sql.query("SELECT partitions FROM quiver.vector_columns"));
      assertEquals(List.of(), sql.query("SELECT * FROM quiver.maintenance_log"));
      assertEquals(List.of(), sql.query("SELECT * FROM quiver.jobs"));
    }
  }

  private static void expect(SqlFixture sql, String state, String fragment, String statement) {
    SQLException e = assertThrows(SQLException.class, () -> sql.execute(statement));
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain " + fragment);
  }
}
