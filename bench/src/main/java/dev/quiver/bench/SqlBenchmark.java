package dev.quiver.bench;

import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.report.LatencyStats;
import dev.quiver.bench.sql.SqlBenchmarkRow;
import dev.quiver.functions.DistanceFunction;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.search.Recall;
import dev.quiver.index.search.SearchParams;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * {@code quiver bench sql}: the SQL layer end to end on a real dataset, through embedded JDBC with prepared
 * statements, against the engine it sits on, in one invocation. It loads the dataset into a file-backed table with
 * JDBC batches (rows/s committed), times the index build, closes and reopens the database (reopen time), then times
 * the same top-k searches through the engine directly and through SQL, query by query, and filtered searches at 1%,
 * 10% and 50% selectivity (recall against exact filtered results computed by the same SQL at recall 1.0).
 */
public final class SqlBenchmark {

  private static final Set<String> VALUED = Set.of("dataset", "queries", "filtered-queries", "recall", "k", "batch",
      "data-dir");
  private static final long STARTED = System.nanoTime();

  private SqlBenchmark() {}

  /** Runs the benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    try {
      return runChecked(args, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("bench sql: " + e.getMessage(), e);
    }
  }

  private static int runChecked(String[] args, PrintStream out) throws SQLException, IOException {
    CommandOptions options = CommandOptions.parse("bench sql", args, VALUED, Set.of("json"));
    Path dataRoot = IvfBenchmark.dataRoot(options);
    Dataset dataset = IvfBenchmark.load(options.require("dataset"), dataRoot, options.getInt("queries", 1_000));
    int k = options.getInt("k", 10);
    double recall = Double.parseDouble(options.get("recall", "0.9"));
    int batchSize = options.getInt("batch", 1_000);
    int filteredQueries = Math.min(dataset.queryCount(), options.getInt("filtered-queries", 200));
    dataset.groundTruth(0, k);
    Path directory = dataRoot.resolve("sql-bench").resolve(dataset.name());
    deleteRecursively(directory);
    String url = "jdbc:quiver:" + directory;
    List<String> notes = new ArrayList<>();
    progress("dataset %s: %,d × %d (%s), %,d queries; database %s", dataset.name(), dataset.baseCount(),
        dataset.dim(), dataset.metric(), dataset.queryCount(), directory);

    try (Connection connection = DriverManager.getConnection(url)) {
      load(connection, dataset, batchSize, notes);
      long build = System.nanoTime();
      try (PreparedStatement first = connection.prepareStatement(searchSql(dataset, k, "", ""))) {
        first.setObject(1, dataset.query(0));
        first.executeQuery().close();
      }
      double firstSearch = (System.nanoTime() - build) / 1e9;
      table(connection).awaitIndexes();
      notes.add(String.format(Locale.ROOT, "first search %.2f s (exact, on the single partition), which starts the"
          + " index build in the background: published after %.1f s (%d partitions)", firstSearch,
          (System.nanoTime() - build) / 1e9, index(connection).nlist()));
    }
    long reopen = System.nanoTime();
    List<SqlBenchmarkRow> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      notes.add(String.format(Locale.ROOT, "reopen (rows loaded from H2 and the index rebuilt): %.1f s",
          (System.nanoTime() - reopen) / 1e9));
      progress("reopened; timing %,d queries through the engine and through SQL", dataset.queryCount());
      rows.addAll(compareEngineAndSql(connection, dataset, k, recall));
      for (int percent : new int[] {1, 10, 50}) {
        progress("filtered search, %d%% selectivity, %,d queries", percent, filteredQueries);
        rows.add(filtered(connection, dataset, k, recall, percent, filteredQueries));
      }
    }
    report(out, options.flag("json"), dataset, k, recall, rows, notes);
    return 0;
  }

  private static void load(Connection connection, Dataset dataset, int batchSize, List<String> notes)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE bench (id BIGINT PRIMARY KEY, s1 INTEGER, s10 INTEGER, s50 INTEGER,"
          + " embedding VECTOR(" + dataset.dim() + ") METRIC " + DistanceFunction.metricName(dataset.metric()) + ")");
    }
    long start = System.nanoTime();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench VALUES (?, ?, ?, ?, ?)")) {
      for (int row = 0; row < dataset.baseCount(); row++) {
        insert.setLong(1, row);
        insert.setInt(2, row % 100);
        insert.setInt(3, row % 10);
        insert.setInt(4, row % 2);
        insert.setObject(5, dataset.baseVector(row));
        insert.addBatch();
        if ((row + 1) % batchSize == 0) {
          insert.executeBatch();
        }
        if ((row + 1) % 100_000 == 0) {
          progress("loaded %,d rows", row + 1);
        }
      }
      insert.executeBatch();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    notes.add(String.format(Locale.ROOT, "batched INSERT (batches of %,d, committed): %,d rows in %.1f s ="
        + " %,.0f rows/s", batchSize, dataset.baseCount(), seconds, dataset.baseCount() / seconds));
  }

  /** Engine APS and prepared SQL on the same index, interleaved query by query so both see the same machine. */
  private static List<SqlBenchmarkRow> compareEngineAndSql(Connection connection, Dataset dataset, int k,
      double recall) throws SQLException {
    IvfIndex index = index(connection);
    int queries = dataset.queryCount();
    long[] engineNanos = new long[queries];
    long[] sqlNanos = new long[queries];
    double engineRecall = 0;
    double sqlRecall = 0;
    int sqlRowsMin = Integer.MAX_VALUE;
    SearchParams params = SearchParams.forRecall(k, recall);
    String sql = searchSql(dataset, k, "/*+ vector_search(recall=" + recall + ") */", "");
    try (PreparedStatement search = connection.prepareStatement(sql)) {
      for (int q = 0; q < Math.min(queries, 1_000); q++) { // warm up both paths
        index.search(dataset.query(q), params);
        ids(search, dataset.query(q));
      }
      for (int q = 0; q < queries; q++) {
        float[] query = dataset.query(q);
        long start = System.nanoTime();
        long[] engineIds = index.search(query, params).ids();
        engineNanos[q] = System.nanoTime() - start;
        start = System.nanoTime();
        long[] sqlIds = ids(search, query);
        sqlNanos[q] = System.nanoTime() - start;
        // The table's id column is the dataset row; the engine's ids are row ids, assigned from 1 in load order.
        for (int i = 0; i < engineIds.length; i++) {
          engineIds[i] -= 1;
        }
        engineRecall += dataset.recallAtK(q, engineIds, k);
        sqlRecall += dataset.recallAtK(q, sqlIds, k);
        sqlRowsMin = Math.min(sqlRowsMin, sqlIds.length);
      }
    }
    return List.of(
        new SqlBenchmarkRow("engine-aps", engineRecall / queries, k, LatencyStats.percentileMs(engineNanos, 0.5),
            LatencyStats.percentileMs(engineNanos, 0.99)),
        new SqlBenchmarkRow("sql-prepared", sqlRecall / queries, sqlRowsMin, LatencyStats.percentileMs(sqlNanos, 0.5),
            LatencyStats.percentileMs(sqlNanos, 0.99)));
  }

  private static SqlBenchmarkRow filtered(Connection connection, Dataset dataset, int k, double recall, int percent,
      int queries) throws SQLException {
    String column = "s" + percent;
    String where = " WHERE " + column + " = 0";
    long[] nanos = new long[queries];
    double recallSum = 0;
    int rowsMin = Integer.MAX_VALUE;
    try (PreparedStatement search = connection.prepareStatement(
            searchSql(dataset, k, "/*+ vector_search(recall=" + recall + ") */", where));
        PreparedStatement exact = connection.prepareStatement(
            searchSql(dataset, k, "/*+ vector_search(recall=1.0) */", where))) {
      for (int q = 0; q < Math.min(queries, 100); q++) {
        ids(search, dataset.query(q));
      }
      for (int q = 0; q < queries; q++) {
        float[] query = dataset.query(q);
        long start = System.nanoTime();
        long[] found = ids(search, query);
        nanos[q] = System.nanoTime() - start;
        recallSum += Recall.of(found, ids(exact, query));
        rowsMin = Math.min(rowsMin, found.length);
      }
    }
    return new SqlBenchmarkRow("sql-filter-" + percent + "%", recallSum / queries, rowsMin,
        LatencyStats.percentileMs(nanos, 0.5), LatencyStats.percentileMs(nanos, 0.99));
  }

  private static long[] ids(PreparedStatement search, float[] query) throws SQLException {
    search.setObject(1, query);
    try (ResultSet rows = search.executeQuery()) {
      long[] ids = new long[16];
      int n = 0;
      while (rows.next()) {
        if (n == ids.length) {
          ids = java.util.Arrays.copyOf(ids, n * 2);
        }
        ids[n++] = rows.getLong(1);
      }
      return java.util.Arrays.copyOf(ids, n);
    }
  }

  private static String searchSql(Dataset dataset, int k, String hint, String where) {
    return "SELECT " + hint + " id FROM bench" + where + " ORDER BY " + DistanceFunction.of(dataset.metric()).sqlName()
        + "(embedding, ?) LIMIT " + k;
  }

  private static VectorTable table(Connection connection) throws SQLException {
    return SystemSchema.sessionOf(connection.unwrap(CalciteConnection.class).getRootSchema()).database()
        .table("bench");
  }

  private static IvfIndex index(Connection connection) throws SQLException {
    VectorTable table = table(connection);
    return table.index(table.definition().ordinalOf("embedding")).current();
  }

  private static void report(PrintStream out, boolean json, Dataset dataset, int k, double recall,
      List<SqlBenchmarkRow> rows, List<String> notes) {
    if (json) {
      rows.forEach(row -> out.println(row.json()));
      return;
    }
    out.printf(Locale.ROOT, "%n`bench sql` on %s (%,d × %d, %s), k = %d, recall target %.2f%n%n", dataset.name(),
        dataset.baseCount(), dataset.dim(), dataset.metric(), k, recall);
    out.println("| method | recall mean | rows min | p50 ms | p99 ms |");
    out.println("|---|---:|---:|---:|---:|");
    rows.forEach(row -> out.println(row.markdown()));
    out.println();
    SqlBenchmarkRow engine = rows.get(0);
    SqlBenchmarkRow sql = rows.get(1);
    out.printf(Locale.ROOT, "SQL p50 − engine p50 = %.3f ms (target ≤ 0.2 ms)%n",
        sql.latencyP50Ms() - engine.latencyP50Ms());
    notes.forEach(out::println);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[bench sql %4.0fs] " + format + "%n",
        Stream.concat(Stream.of((System.nanoTime() - STARTED) / 1e9), Stream.of(args)).toArray());
  }
}
