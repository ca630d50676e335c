package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance policies from SQL: {@code set_maintenance} chooses and validates, survives a restart and drives the
 * background worker; {@code reindex} runs a pass on demand; searches stay exact while passes and rebuilds run.
 */
class MaintenancePolicySqlTest {

  private static final int DIM = 8;
  private static final String EXACT = "SELECT /*+ vector_search(recall=1.0) */ id FROM docs"
      + " ORDER BY l2_distance(embedding, ?) LIMIT 10";

  @TempDir
  Path directory;

  /** Rows {@code from}..{@code to − 1} in {@code clusters} tight groups, inserted in one batch. */
  private static List<float[]> insertRows(SqlFixture sql, int from, int to, int clusters) throws SQLException {
    List<float[]> vectors = new ArrayList<>();
    try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO docs VALUES (?, ?)")) {
      for (int id = from; id < to; id++) {
        float[] v = vector(id, clusters);
        vectors.add(v);
        insert.setLong(1, id);
        insert.setObject(2, v);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return vectors;
  }

  /** Rows {@code from}..{@code to − 1}, all in group {@code cluster}. */
  private static void insertInto(SqlFixture sql, int from, int to, int cluster) throws SQLException {
    try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO docs VALUES (?, ?)")) {
      for (int id = from; id < to; id++) {
        insert.setLong(1, id);
        insert.setObject(2, vectorIn(id, cluster));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static float[] vector(int id, int clusters) {
    return vectorIn(id, id % clusters);
  }

  /** Row {@code id}'s vector in group {@code cluster}; group −1 lies far from every other (around 1,000). */
  private static float[] vectorIn(int id, int cluster) {
    Random random = new Random(id);
    Random centre = new Random(1000 + cluster);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (cluster < 0 ? 1_000 : centre.nextFloat() * 100) + random.nextFloat();
    }
    return v;
  }

  private static List<Long> bruteForce(List<float[]> vectors, float[] query) {
    List<Long> ids = new ArrayList<>();
    for (long id = 0; id < vectors.size(); id++) {
      ids.add(id);
    }
    ids.sort(Comparator.<Long>comparingDouble(id -> squaredL2(vectors.get((int) (long) id), query))
        .thenComparing(id -> id));
    return ids.subList(0, 10);
  }

  private static double squaredL2(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  private static SqlFixture docs(String url, int rows, int clusters) throws SQLException {
    SqlFixture sql = url == null ? new SqlFixture() : new SqlFixture(url);
    sql.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, embedding VECTOR(" + DIM + "))");
    insertRows(sql, 0, rows, clusters);
    sql.awaitIndexes();
    return sql;
  }

  @Test
  void settingsAreValidatedKeptAcrossARestartAndUsedByReindex() throws SQLException {
    String url = "jdbc:quiver:" + directory.resolve("db");
    try (SqlFixture sql = docs(url, 3_000, 20)) {
      assertEquals(List.of(List.of("docs", "embedding", "ada-ivf", 0)), sql.query("SELECT table_name, column_name,"
          + " policy, actions FROM TABLE(quiver.reindex('docs'))"), "the default policy; a fresh build needs nothing");
      assertEquals(List.of(List.of("docs", "embedding", "quake", "radius=5, delta_size=100, interval_ms=0")),
          sql.query("SELECT * FROM TABLE(quiver.set_maintenance('docs', 'QUAKE', 'radius=5', 'delta_size=100',"
              + " 'interval_ms=0'))"));
    }
    try (SqlFixture sql = new SqlFixture(url)) {
      assertEquals(List.of(List.of("quake")), sql.query("SELECT policy FROM TABLE(quiver.reindex('docs'))"),
          "the catalog kept the policy");
      insertRows(sql, 3_000, 3_050, 20);
      assertEquals(3_050L, sql.query("SELECT COUNT(*) FROM docs").get(0).get(0));
      float[] last = vector(3_049, 20);
      assertEquals(3_049L, sql.query(EXACT.replace("recall=1.0", "recall=0.9"), (Object) last).get(0).get(0),
          "a row still in the delta store is found by an approximate search");
    }
  }

  @Test
  void partitionsShowTheIndicatorOfTheColumnsOwnAdaIvfSettingsAloneOrCombined() throws SQLException {
    // f = α·T·(β·f_s + (1 − β)·f_d): doubling α doubles every partition's local_indicator, whether the column runs
    // Ada-IVF alone or combined with Quake; under LIRE the table shows Ada-IVF's defaults.
    try (SqlFixture sql = docs(null, 3_000, 20)) {
      sql.query("CALL quiver.set_maintenance('docs', 'lire', 'interval_ms=0')"); // no background pass meanwhile
      insertInto(sql, 3_000, 3_200, 3); // one group grown, so that some indicator is not 0
      String total = "SELECT SUM(local_indicator) FROM quiver.partitions";
      double defaults = ((Number) sql.query(total).get(0).get(0)).doubleValue();
      assertTrue(defaults > 0, "a grown partition deviates: " + defaults);
      sql.query("CALL quiver.set_maintenance('docs', 'ada-ivf', 'alpha=2', 'interval_ms=0')");
      assertEquals(2 * defaults, ((Number) sql.query(total).get(0).get(0)).doubleValue(), 1e-9 * defaults);
      sql.query("CALL quiver.set_maintenance('docs', 'ada-ivf+quake', 'alpha=3', 'interval_ms=0')");
      assertEquals(3 * defaults, ((Number) sql.query(total).get(0).get(0)).doubleValue(), 1e-9 * defaults);
      sql.query("CALL quiver.set_maintenance('docs', 'lire', 'interval_ms=0')");
      assertEquals(defaults, ((Number) sql.query(total).get(0).get(0)).doubleValue(), 1e-9 * defaults,
          "back to Ada-IVF's defaults");
    }
  }

  @Test
  void mistakesAreRefusedWithTheirSqlStateAndChangeNothing() throws SQLException {
    try (SqlFixture sql = docs(null, 100, 5)) {
      expect(sql, "22023", "no maintenance policy is named 'fastest'",
          "CALL quiver.set_maintenance('docs', 'fastest')");
      expect(sql, "22023", "option tau: not an option of policy ada-ivf",
          "CALL quiver.set_maintenance('docs', 'ada-ivf', 'tau=1')");
      expect(sql, "22023", "option delta_size: 'many' is not a whole number",
          "CALL quiver.set_maintenance('docs', 'lire', 'delta_size=many')");
      expect(sql, "22023", "option interval_ms: must be 0 (no background passes) or at least 10 ms, was 5",
          "CALL quiver.set_maintenance('docs', 'lire', 'interval_ms=5')");
      expect(sql, "42703", "", "CALL quiver.set_maintenance('docs', 'lire', 'column=nope')");
      expect(sql, "42P01", "table nope does not exist", "CALL quiver.reindex('nope')");
      assertEquals(List.of(List.of("ada-ivf")), sql.query("SELECT policy FROM TABLE(quiver.reindex('docs'))"));
    }
  }

  @Test
  void aPolicysOwnRebuildIsLoggedAndLeavesNoJobBehind() throws SQLException {
    try (SqlFixture sql = docs(null, 3_000, 20)) {
      sql.query("CALL quiver.set_maintenance('docs', 'rebuild', 'changed_fraction=0.01', 'interval_ms=0')");
      sql.query("CALL quiver.reindex('docs')");
      insertRows(sql, 3_000, 3_100, 20);
      assertEquals(List.of(List.of(1, 1)), sql.query("SELECT actions, rebuilds FROM TABLE(quiver.reindex('docs'))"));
      assertEquals(List.of(), sql.query("SELECT * FROM quiver.jobs"), "the job ended with the rebuild");
      List<List<Object>> log = sql.query("SELECT vectors_moved, detail FROM quiver.maintenance_log"
          + " WHERE action = 'rebuild' AND detail LIKE '%changes since the last rebuild%'");
      assertEquals(1, log.size(), log.toString());
      assertEquals(3_100L, log.get(0).get(0));
    }
  }

  @Test
  void theBackgroundWorkerSplitsWhatGrowsAndLogsIt() throws Exception {
    try (SqlFixture sql = docs(null, 3_000, 20)) {
      sql.query("CALL quiver.set_maintenance('docs', 'lire', 'max_size=40', 'interval_ms=20')");
      insertInto(sql, 3_000, 3_400, 0); // one group grows: its partitions pass 40 vectors
      long deadline = System.nanoTime() + 60_000_000_000L; // a correctness wait, generous for a loaded machine
      List<List<Object>> splits = List.of();
      while (splits.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        splits = sql.query("SELECT action, detail FROM quiver.maintenance_log WHERE action = 'split'");
      }
      assertTrue(!splits.isEmpty(), "the worker split a partition over 40 vectors on its own");
      assertTrue(((String) splits.get(0).get(1)).contains("> max 40"), splits.toString());
      assertEquals(List.of(List.of(3_400L)), sql.query("SELECT SUM(size) FROM quiver.partitions"));
    }
  }

  @Test
  void searchesStayExactWhilePassesAndRebuildsRun() throws Exception {
    String url = "jdbc:quiver:mem:searches-during-maintenance";
    try (SqlFixture sql = docs(url, 3_000, 20);
        SqlFixture reader = new SqlFixture(url)) {
      List<float[]> vectors = new ArrayList<>();
      for (int id = 0; id < 3_000; id++) {
        vectors.add(vector(id, 20));
      }
      float[][] queries = new float[20][];
      List<List<Long>> truth = new ArrayList<>();
      for (int q = 0; q < queries.length; q++) {
        queries[q] = vector(5_000 + q, 20);
        truth.add(bruteForce(vectors, queries[q]));
      }
      AtomicBoolean stop = new AtomicBoolean();
      List<String> wrong = new CopyOnWriteArrayList<>();
      Thread searcher = new Thread(() -> {
        try {
          for (int i = 0; !stop.get(); i++) {
            int q = i % queries.length;
            List<Object> got = reader.query(EXACT, (Object) queries[q]).stream().map(r -> r.get(0)).toList();
            if (!got.equals(new ArrayList<Object>(truth.get(q)))) {
              wrong.add("query " + q + ": " + got);
            }
          }
        } catch (SQLException e) {
          wrong.add(e.toString());
        }
      });
      searcher.start();
      // Policies act on partitions that writes touched. Writes to a group far from every query (around 1,000, the
      // queries lie within 0–101) touch partitions, and through their regions their neighbours, without changing
      // any answer.
      int far = 10_000;
      insertInto(sql, far, far + 500, -1);
      for (int round = 0; round < 3; round++) {
        sql.update("DELETE FROM docs WHERE id >= 10000 AND MOD(id, 5) = " + round);
        insertInto(sql, far + 500 * (round + 1), far + 500 * (round + 2), -1);
        sql.query("CALL quiver.set_maintenance('docs', 'lire', 'max_size=20', 'min_size=8', 'interval_ms=0')");
        sql.query("CALL quiver.reindex('docs')");
        insertInto(sql, far + 5_000 + 100 * round, far + 5_100 + 100 * round, -1);
        sql.query("CALL quiver.set_maintenance('docs', 'ada-ivf', 'target_size=25', 'tau_f=0', 'interval_ms=0')");
        sql.query("CALL quiver.reindex('docs')");
        sql.query("CALL quiver.rebuild('docs', " + (50 + 10 * round) + ")");
      }
      stop.set(true);
      searcher.join();
      assertEquals(List.of(), wrong);
      long actions = (Long) sql.query("SELECT COUNT(*) FROM quiver.maintenance_log WHERE action <> 'rebuild'")
          .get(0).get(0);
      assertTrue(actions > 0, "the passes changed the partitioning while searches ran");
    }
  }

  private static void expect(SqlFixture sql, String state, String message, String statement) {
    SQLException e = assertThrows(SQLException.class, () -> sql.query(statement));
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
