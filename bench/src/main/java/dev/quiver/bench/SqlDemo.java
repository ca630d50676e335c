package dev.quiver.bench;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.report.LatencyStats;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL half of {@code quiver demo}: the same vectors in a table of an in-memory Quiver database, searched through
 * plain JDBC — the plan the rewrite produces, a filtered top-5, and the recall and latency of prepared queries.
 */
final class SqlDemo {

  private static final String URL = "jdbc:quiver:mem:demo";

  private SqlDemo() {}

  static void run(FloatRows base, FloatRows queries, int rows, PrintStream out) throws SQLException {
    int dim = base.dim();
    try (Connection connection = DriverManager.getConnection(URL);
        Statement statement = connection.createStatement()) {
      out.printf(Locale.ROOT, "%n4. SQL through JDBC (%s)%n%n", URL);
      String create = "CREATE TABLE items (id BIGINT PRIMARY KEY, shard INTEGER, embedding VECTOR(" + dim + "))";
      statement.execute(create);
      out.println("   " + create);
      long t0 = System.nanoTime();
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
        for (int row = 0; row < rows; row++) {
          insert.setLong(1, row);
          insert.setInt(2, row % 10);
          insert.setObject(3, row(base, row));
          insert.addBatch();
          if (row % 5_000 == 4_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      out.printf(Locale.ROOT, "   INSERT INTO items VALUES (?, ?, ?) — %,d rows in JDBC batches, %.1f s%n", rows,
          (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      try (PreparedStatement first = connection.prepareStatement(
          "SELECT id FROM items ORDER BY l2_distance(embedding, ?) LIMIT 1")) {
        first.setObject(1, row(queries, 0));
        first.executeQuery().close(); // finds one partition outgrown and starts the index build in the background
      }
      dev.quiver.adapter.table.VectorTable table = dev.quiver.adapter.system.SystemSchema.sessionOf(
          connection.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getRootSchema()).database().table("items");
      table.awaitIndexes();
      out.printf(Locale.ROOT, "   the first search started the index build in the background; published after"
          + " %.1f s (searches meanwhile are exact)%n%n", (System.nanoTime() - t0) / 1e9);

      String filtered = "SELECT id, shard, l2_distance(embedding, ?) AS d FROM items WHERE shard = 3"
          + " ORDER BY d LIMIT 5";
      out.println("   " + filtered);
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN PLAN FOR " + filtered)) {
        explain.setObject(1, row(queries, 0));
        try (ResultSet plan = explain.executeQuery()) {
          while (plan.next()) {
            for (String line : plan.getString(1).split("\n")) {
              out.println("     plan: " + line);
            }
          }
        }
      }
      try (PreparedStatement search = connection.prepareStatement(filtered)) {
        search.setObject(1, row(queries, 0));
        try (ResultSet result = search.executeQuery()) {
          while (result.next()) {
            out.printf(Locale.ROOT, "     id %,7d  shard %d  distance %.4f%n", result.getLong(1), result.getInt(2),
                result.getDouble(3));
          }
        }
      }
      measure(connection, queries, out);
    }
  }

  /** Recall@10 of prepared queries at the default target, against the same queries at recall 1.0 (exact). */
  private static void measure(Connection connection, FloatRows queries, PrintStream out) throws SQLException {
    String sql = "SELECT id FROM items ORDER BY l2_distance(embedding, ?) LIMIT 10";
    int count = Math.min(queries.count(), 1_000);
    long[] nanos = new long[count];
    double recall = 0;
    try (PreparedStatement search = connection.prepareStatement(sql);
        PreparedStatement exact = connection.prepareStatement(
            "SELECT /*+ vector_search(recall=1.0) */ id FROM items ORDER BY l2_distance(embedding, ?) LIMIT 10")) {
      for (int q = 0; q < count; q++) {
        ids(search, row(queries, q)); // warm-up
      }
      for (int q = 0; q < count; q++) {
        long start = System.nanoTime();
        Set<Long> found = ids(search, row(queries, q));
        nanos[q] = System.nanoTime() - start;
        Set<Long> truth = ids(exact, row(queries, q));
        found.retainAll(truth);
        recall += truth.isEmpty() ? 1 : (double) found.size() / truth.size();
      }
    }
    out.printf(Locale.ROOT, "%n   %s%n   %,d prepared queries at the default recall target 0.9: recall@10 %.4f"
        + " (against the same query at recall 1.0), p50 %.3f ms, p99 %.3f ms%n", sql, count, recall / count,
        LatencyStats.percentileMs(nanos, 0.5), LatencyStats.percentileMs(nanos, 0.99));
  }

  private static float[] row(FloatRows rows, int index) {
    return java.util.Arrays.copyOfRange(rows.values(), index * rows.dim(), (index + 1) * rows.dim());
  }

  private static Set<Long> ids(PreparedStatement search, float[] query) throws SQLException {
    search.setObject(1, query);
    Set<Long> ids = new HashSet<>();
    try (ResultSet result = search.executeQuery()) {
      while (result.next()) {
        ids.add(result.getLong(1));
      }
    }
    return ids;
  }
}
