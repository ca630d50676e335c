package dev.quiver.adapter.store;

import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.catalog.MaintenanceSettings;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.functions.SqlUserError;
import dev.quiver.index.Metric;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The system of record: the catalog and every row live in an embedded H2 database, and a change counts as done only
 * once H2 committed it. One connection, used under this object's monitor, so statements that change data are
 * serialised and each is one H2 transaction.
 *
 * <p>Layout: schema {@code QUIVER_CATALOG} holds {@code TABLES} and {@code COLUMNS}; schema {@code QUIVER_DATA}
 * holds one table per user table, keyed by a hidden {@code _ROWID} (the engine's vector id), with vectors stored
 * as little-endian float bytes.
 */
public final class H2Store implements AutoCloseable {

  /** Rows above which a table is read on several connections at once when the database opens. */
  private static final int PARALLEL_SCAN_ROWS = 100_000;

  private final Connection connection;
  private final String url;
  private final boolean inMemory;

  private H2Store(Connection connection, String url, boolean inMemory) {
    this.connection = connection;
    this.url = url;
    this.inMemory = inMemory;
  }

  /**
   * Opens (creating if needed) the H2 database at {@code h2Url}.
   *
   * @param inMemory whether the database vanishes when closed
   */
  public static H2Store open(String h2Url, boolean inMemory) throws SQLException {
    Connection connection = DriverManager.getConnection(h2Url, "quiver", "");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS QUIVER_CATALOG");
      statement.execute("CREATE SCHEMA IF NOT EXISTS QUIVER_DATA");
      statement.execute("CREATE TABLE IF NOT EXISTS QUIVER_CATALOG.TABLES (NAME VARCHAR PRIMARY KEY,"
          + " PRIMARY_KEY INT NOT NULL)");
      statement.execute("CREATE TABLE IF NOT EXISTS QUIVER_CATALOG.COLUMNS (TABLE_NAME VARCHAR NOT NULL,"
          + " ORDINAL INT NOT NULL, NAME VARCHAR NOT NULL, TYPE_NAME VARCHAR NOT NULL, PRECISION INT NOT NULL,"
          + " SCALE INT NOT NULL, DIMENSION INT NOT NULL, METRIC VARCHAR, NULLABLE BOOLEAN NOT NULL,"
          + " PRIMARY KEY (TABLE_NAME, ORDINAL))");
      // Added with maintenance policies; IF NOT EXISTS upgrades a database created before them.
      statement.execute("CREATE TABLE IF NOT EXISTS QUIVER_CATALOG.MAINTENANCE (TABLE_NAME VARCHAR NOT NULL,"
          + " COLUMN_NAME VARCHAR NOT NULL, POLICY VARCHAR NOT NULL, OPTIONS VARCHAR NOT NULL,"
          + " PRIMARY KEY (TABLE_NAME, COLUMN_NAME))");
    }
    connection.setAutoCommit(false);
    return new H2Store(connection, h2Url, inMemory);
  }

  /** Every table in the catalog, in name order. */
  public synchronized List<TableDefinition> loadCatalog() throws SQLException {
    Map<String, List<ColumnDefinition>> columns = new LinkedHashMap<>();
    Map<String, Integer> keys = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT NAME, PRIMARY_KEY FROM QUIVER_CATALOG.TABLES ORDER BY NAME")) {
      while (rows.next()) {
        keys.put(rows.getString(1), rows.getInt(2));
        columns.put(rows.getString(1), new ArrayList<>());
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, NAME, TYPE_NAME, PRECISION, SCALE, DIMENSION,"
            + " METRIC, NULLABLE FROM QUIVER_CATALOG.COLUMNS ORDER BY TABLE_NAME, ORDINAL")) {
      while (rows.next()) {
        SqlTypeName typeName = SqlTypeName.valueOf(rows.getString(3));
        ColumnType type = typeName == SqlTypeName.ARRAY
            ? ColumnType.vector(rows.getInt(6), Metric.valueOf(rows.getString(7)))
            : new ColumnType(typeName, rows.getInt(4), rows.getInt(5), 0, null);
        columns.get(rows.getString(1)).add(new ColumnDefinition(rows.getString(2), type, rows.getBoolean(8)));
      }
    }
    connection.commit();
    List<TableDefinition> tables = new ArrayList<>();
    keys.forEach((name, key) -> tables.add(new TableDefinition(name, columns.get(name), key)));
    return tables;
  }

  /** Creates a table's storage and records it in the catalog. */
  public synchronized void createTable(TableDefinition table) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(dataTable(table.name()))
        .append(" (\"_ROWID\" BIGINT PRIMARY KEY");
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnDefinition column = table.columns().get(i);
      ddl.append(", ").append(quote(column.name())).append(' ').append(column.type().h2Type());
      if (!column.nullable()) {
        ddl.append(" NOT NULL");
      }
      if (i == table.primaryKey()) {
        ddl.append(" UNIQUE");
      }
    }
    ddl.append(')');
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl.toString()); // H2 commits DDL on its own
    }
    try (PreparedStatement tables = connection.prepareStatement("INSERT INTO QUIVER_CATALOG.TABLES VALUES (?, ?)");
        PreparedStatement columns = connection.prepareStatement(
            "INSERT INTO QUIVER_CATALOG.COLUMNS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      tables.setString(1, table.name());
      tables.setInt(2, table.primaryKey());
      tables.executeUpdate();
      for (int i = 0; i < table.columns().size(); i++) {
        ColumnDefinition column = table.columns().get(i);
        columns.setString(1, table.name());
        columns.setInt(2, i);
        columns.setString(3, column.name());
        columns.setString(4, column.type().typeName().name());
        columns.setInt(5, column.type().precision());
        columns.setInt(6, column.type().scale());
        columns.setInt(7, column.type().dimension());
        columns.setString(8, column.type().metric() == null ? null : column.type().metric().name());
        columns.setBoolean(9, column.nullable());
        columns.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + dataTable(table.name()));
      }
      throw e;
    }
  }

  /** Records how a vector column is maintained (replacing what was recorded). */
  public synchronized void saveMaintenance(String table, String column, MaintenanceSettings settings)
      throws SQLException {
    try (PreparedStatement merge = connection.prepareStatement(
        "MERGE INTO QUIVER_CATALOG.MAINTENANCE KEY (TABLE_NAME, COLUMN_NAME) VALUES (?, ?, ?, ?)")) {
      merge.setString(1, table);
      merge.setString(2, column);
      merge.setString(3, settings.policy());
      merge.setString(4, String.join("\n", settings.options()));
      merge.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /**
   * The recorded maintenance settings, by table then column. A setting the engine no longer accepts (an option
   * renamed since it was recorded) is reported through {@code invalid} and left out, so a database always opens.
   */
  public synchronized Map<String, Map<String, MaintenanceSettings>> loadMaintenance(
      java.util.function.BiConsumer<String, IllegalArgumentException> invalid) throws SQLException {
    Map<String, Map<String, MaintenanceSettings>> settings = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, POLICY, OPTIONS"
            + " FROM QUIVER_CATALOG.MAINTENANCE ORDER BY TABLE_NAME, COLUMN_NAME")) {
      while (rows.next()) {
        String options = rows.getString(4);
        try {
          MaintenanceSettings parsed = MaintenanceSettings.parse(rows.getString(3),
              options.isEmpty() ? List.of() : List.of(options.split("\n")));
          settings.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>()).put(rows.getString(2), parsed);
        } catch (IllegalArgumentException e) {
          invalid.accept(rows.getString(1) + "." + rows.getString(2), e);
        }
      }
    }
    connection.commit();
    return settings;
  }

  /** Removes a table's rows and its catalog entry. */
  public synchronized void dropTable(String name) throws SQLException {
    try (PreparedStatement maintenance = connection.prepareStatement(
        "DELETE FROM QUIVER_CATALOG.MAINTENANCE WHERE TABLE_NAME = ?")) {
      maintenance.setString(1, name);
      maintenance.executeUpdate();
    }
    try (PreparedStatement columns = connection.prepareStatement(
            "DELETE FROM QUIVER_CATALOG.COLUMNS WHERE TABLE_NAME = ?");
        PreparedStatement tables = connection.prepareStatement("DELETE FROM QUIVER_CATALOG.TABLES WHERE NAME = ?")) {
      columns.setString(1, name);
      columns.executeUpdate();
      tables.setString(1, name);
      tables.executeUpdate();
      connection.commit();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + dataTable(name));
    }
  }

  /** Receives the stored rows of a table, one at a time. */
  @FunctionalInterface
  public interface RowConsumer {
    /** Takes one row: its hidden row id and its column values in Calcite's runtime representation; called from
     * several threads at once while a large table is read. */
    void accept(long rowId, Object[] values);
  }

  /**
   * Streams every row of {@code table} to {@code consumer}, in no particular order. A large table is read in
   * row-id ranges on one connection per core at once (the consumer must then be thread-safe): opening a database
   * is dominated by reading its rows.
   */
  public void scan(TableDefinition table, RowConsumer consumer) throws SQLException {
    long[] bounds;
    synchronized (this) {
      bounds = rowIdRange(table);
    }
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
    if (inMemory || bounds[2] < PARALLEL_SCAN_ROWS || threads == 1) {
      synchronized (this) {
        scanRange(connection, table, Long.MIN_VALUE, Long.MAX_VALUE, consumer);
        connection.commit();
      }
      return;
    }
    long span = (bounds[1] - bounds[0]) / threads + 1;
    List<java.util.concurrent.Future<Void>> parts = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        long from = bounds[0] + t * span;
        long to = t == threads - 1 ? Long.MAX_VALUE : from + span - 1;
        parts.add(pool.submit(() -> {
          try (Connection reader = DriverManager.getConnection(url, "quiver", "")) {
            scanRange(reader, table, from, to, consumer);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<Void> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("reading table " + table.name() + " was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof SQLException sql ? sql
          : new SQLException("reading table " + table.name() + " failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Smallest and largest row id and the row count. */
  private long[] rowIdRange(TableDefinition table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MIN(\"_ROWID\"), MAX(\"_ROWID\"), COUNT(*) FROM "
            + dataTable(table.name()))) {
      rows.next();
      long[] range = {rows.getLong(1), rows.getLong(2), rows.getLong(3)};
      connection.commit();
      return range;
    }
  }

  private static void scanRange(Connection reader, TableDefinition table, long from, long to, RowConsumer consumer)
      throws SQLException {
    int width = table.columns().size();
    try (PreparedStatement statement = reader.prepareStatement("SELECT * FROM " + dataTable(table.name())
        + " WHERE \"_ROWID\" BETWEEN ? AND ?")) {
      statement.setFetchSize(10_000);
      statement.setLong(1, from);
      statement.setLong(2, to);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            values[i] = ValueCodec.read(table.columns().get(i).type(), rows, i + 2);
          }
          consumer.accept(rows.getLong(1), values);
        }
      }
    }
  }

  /**
   * Applies one statement's changes as one transaction: deletes, then updates (whole rows), then inserts. Either all
   * are committed or none.
   *
   * @throws SqlUserError 23505 for a duplicate key H2 found, 23502 for a NULL in a NOT NULL column
   */
  public synchronized void apply(TableDefinition table, RowChanges changes) throws SQLException {
    String data = dataTable(table.name());
    int width = table.columns().size();
    try {
      if (!changes.deletes().isEmpty()) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + data
            + " WHERE \"_ROWID\" = ?")) {
          for (long rowId : changes.deletes()) {
            delete.setLong(1, rowId);
            delete.addBatch();
          }
          delete.executeBatch();
        }
      }
      if (!changes.updates().isEmpty()) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(data).append(" SET ");
        for (int i = 0; i < width; i++) {
          sql.append(i == 0 ? "" : ", ").append(quote(table.columns().get(i).name())).append(" = ?");
        }
        sql.append(" WHERE \"_ROWID\" = ?");
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
          for (RowChanges.Row row : changes.updates()) {
            bind(update, table, row.values(), 1);
            update.setLong(width + 1, row.rowId());
            update.addBatch();
          }
          update.executeBatch();
        }
      }
      if (!changes.inserts().isEmpty()) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + data + " VALUES (?"
            + ", ?".repeat(width) + ")")) {
          for (RowChanges.Row row : changes.inserts()) {
            insert.setLong(1, row.rowId());
            bind(insert, table, row.values(), 2);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw translate(table, e);
    }
  }

  private static void bind(PreparedStatement statement, TableDefinition table, Object[] values, int first)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(first + i, ValueCodec.toStored(table.columns().get(i).type(), values[i]));
    }
  }

  private static SQLException translate(TableDefinition table, SQLException e) {
    SQLException cause = e.getNextException() != null ? e.getNextException() : e;
    if ("23505".equals(cause.getSQLState())) {
      String key = table.primaryKey() >= 0 ? table.columns().get(table.primaryKey()).name() : "key";
      throw new SqlUserError("23505", "duplicate value of " + table.name() + "." + key
          + "; nothing was written; use UPDATE to change an existing row", e);
    }
    return e;
  }

  /** Closes the connection; an in-memory database is dropped with it. */
  @Override
  public synchronized void close() throws SQLException {
    if (inMemory) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
    connection.close();
  }

  private static String dataTable(String name) {
    return "QUIVER_DATA." + quote(name);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
