package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Searches on one connection while another inserts, updates and deletes: no search fails, every row a search
 * returns is well-formed, and after the writer stops a search sees exactly the committed rows.
 */
class ConcurrentSqlTest {

  private static final long SEED = 99L;

  @Test
  void searchesRunWhileAnotherConnectionWrites() throws Exception {
    String url = "jdbc:quiver:mem:concurrent-" + SEED;
    try (SqlFixture writer = new SqlFixture(url); SqlFixture reader = new SqlFixture(url)) {
      writer.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, tag INTEGER, v VECTOR(4))");
      try (java.sql.PreparedStatement insert = writer.connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
        for (int id = 0; id < 3_000; id++) {
          insert.setLong(1, id);
          insert.setInt(2, id % 5);
          insert.setObject(3, vector(new Random(id)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Integer> searches = pool.submit(() -> {
        Random random = new Random(SEED);
        int count = 0;
        while (!done.get()) {
          List<List<Object>> rows = reader.query("SELECT id, tag, l2_distance(v, ?) AS d FROM t WHERE tag <> 2"
              + " ORDER BY d LIMIT 10", (Object) vector(random));
          for (List<Object> row : rows) {
            assertTrue((Integer) row.get(1) != 2, "a filtered-out row came back: " + row);
            assertTrue((Double) row.get(2) >= 0);
          }
          count++;
        }
        return count;
      });
      Random random = new Random(SEED + 1);
      for (int round = 0; round < 200; round++) {
        long id = 3_000 + round;
        writer.update("INSERT INTO t VALUES (?, ?, ?)", id, (int) (id % 5), vector(random));
        writer.update("UPDATE t SET v = ? WHERE id = ?", vector(random), (long) random.nextInt(3_000));
        writer.update("DELETE FROM t WHERE id = ?", (long) random.nextInt(3_000));
      }
      done.set(true);
      assertTrue(searches.get(60, TimeUnit.SECONDS) > 0, "the reader ran searches");
      pool.shutdown();
      long committed = (Long) writer.query("SELECT COUNT(*) FROM t").get(0).get(0);
      long indexed = (Long) reader.query("SELECT indexed_vectors FROM quiver.vector_columns").get(0).get(0);
      assertEquals(committed, indexed, "the index holds exactly the committed rows");
    }
  }

  @Test
  void writesDuringABackgroundRebuildReachTheNewIndex() throws Exception {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VECTOR(4))");
      try (java.sql.PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int id = 0; id < 30_000; id++) {
          insert.setLong(1, id);
          insert.setObject(2, vector(new Random(id)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      // The first search finds the single partition outgrown and starts the rebuild in the background; it and the
      // writes below run on the current index meanwhile.
      sql.query("SELECT id FROM t ORDER BY l2_distance(v, ?) LIMIT 1", (Object) new float[] {0, 0, 0, 0});
      float[] moved = {9, 9, 9, 9};
      sql.update("INSERT INTO t VALUES (30000, ?)", (Object) new float[] {-9, -9, -9, -9});
      sql.update("UPDATE t SET v = ? WHERE id = 17", (Object) moved);
      sql.update("DELETE FROM t WHERE id = 18");
      sql.awaitIndexes();
      assertTrue((Integer) sql.query("SELECT partitions FROM quiver.vector_columns").get(0).get(0) > 100,
          "the rebuild was published");
      assertEquals(List.of(List.of(30_000L)), sql.query("SELECT indexed_vectors FROM quiver.vector_columns"));
      String nearest = "SELECT /*+ vector_search(recall=1.0) */ id FROM t ORDER BY l2_distance(v, ?) LIMIT 1";
      assertEquals(List.of(List.of(30_000L)), sql.query(nearest, (Object) new float[] {-9, -9, -9, -9}));
      assertEquals(List.of(List.of(17L)), sql.query(nearest, (Object) moved));
      assertEquals(List.of(List.of(0L)), sql.query("SELECT COUNT(*) FROM t WHERE id = 18"));
    }
  }

  private static float[] vector(Random random) {
    return new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
  }
}
