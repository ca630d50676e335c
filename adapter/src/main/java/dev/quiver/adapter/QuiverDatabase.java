package dev.quiver.adapter;

import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.adapter.maintenance.MaintenanceTracker;
import dev.quiver.adapter.store.H2Store;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import dev.quiver.adapter.catalog.MaintenanceSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One Quiver database: the H2 store under a directory (or in memory) and the tables loaded from it. Every connection
 * to the same location in this JVM shares one instance; it closes when the last connection does.
 *
 * <p>Locations: a directory path, {@code mem:} (a private in-memory database per connection) or {@code mem:name}
 * (in memory, shared by name while a connection to it is open).
 */
public final class QuiverDatabase {

  private static final Logger LOG = Logger.getLogger(QuiverDatabase.class.getName());
  private static final Map<String, QuiverDatabase> OPEN = new HashMap<>();
  private static final AtomicLong PRIVATE_MEMORY = new AtomicLong();

  private final String location;
  private final H2Store store;
  /** Where index checkpoints live (under the database directory), or null in memory. */
  private final Path checkpoints;
  private final Map<String, VectorTable> tables = new ConcurrentHashMap<>();
  /** Running maintenance jobs and the log of finished ones, for quiver.jobs and quiver.maintenance_log. */
  private final MaintenanceTracker maintenance = new MaintenanceTracker();
  private int connections;

  private QuiverDatabase(String location, H2Store store, Path checkpoints) {
    this.location = location;
    this.store = store;
    this.checkpoints = checkpoints;
  }

  /**
   * Opens the database at {@code location} for one more connection, loading every table on first open.
   *
   * @throws SqlUserError 08001 if the directory cannot be created or H2 cannot open it
   */
  public static QuiverDatabase open(String location) throws SQLException {
    String key = location.equals("mem:") ? "mem:private-" + PRIVATE_MEMORY.incrementAndGet() : canonical(location);
    synchronized (OPEN) {
      QuiverDatabase database = OPEN.get(key);
      if (database == null) {
        database = load(key);
        OPEN.put(key, database);
      }
      database.connections++;
      return database;
    }
  }

  private static QuiverDatabase load(String key) throws SQLException {
    long start = System.nanoTime();
    boolean inMemory = key.startsWith("mem:");
    String h2Url;
    if (inMemory) {
      h2Url = "jdbc:h2:mem:quiver-" + key.substring(4) + ";DB_CLOSE_DELAY=-1";
    } else {
      Path directory = Path.of(key);
      try {
        Files.createDirectories(directory);
      } catch (java.io.IOException e) {
        throw new SqlUserError("08001", "cannot create the database directory " + directory + ": " + e.getMessage()
            + "; check the path and its permissions", e);
      }
      h2Url = "jdbc:h2:file:" + directory.resolve("quiver").toAbsolutePath();
    }
    H2Store store;
    try {
      store = H2Store.open(h2Url, inMemory);
    } catch (SQLException e) {
      throw new SqlUserError("08001", "cannot open the database at " + key + ": " + e.getMessage()
          + (e.getErrorCode() == 90020 ? "; another process has it open — close it first" : ""), e);
    }
    Path checkpoints = inMemory ? null : Path.of(key).resolve("index");
    QuiverDatabase database = new QuiverDatabase(key, store, checkpoints);
    List<TableDefinition> definitions = store.loadCatalog();
    Map<String, Map<String, MaintenanceSettings>> settings = store.loadMaintenance((column, e) -> LOG.warning(
        () -> "the maintenance settings recorded for " + column + " are no longer valid (" + e.getMessage()
            + "); it uses the default until quiver.set_maintenance is called again"));
    for (TableDefinition definition : definitions) {
      VectorTable table = VectorTable.load(definition, store, checkpoints, database.maintenance);
      table.startMaintenance(settings.get(definition.name()));
      database.tables.put(TableDefinition.key(definition.name()), table);
    }
    if (!definitions.isEmpty()) {
      LOG.info(() -> String.format("opened %s: %d tables in %.1f s", key, definitions.size(),
          (System.nanoTime() - start) / 1e9));
    }
    return database;
  }

  private static String canonical(String location) {
    if (location.startsWith("mem:")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }

  /** Where this database lives: a directory, or {@code mem:…}. */
  public String location() {
    return location;
  }

  /** The maintenance of this database's indexes: running jobs and the log of finished actions. */
  public MaintenanceTracker maintenance() {
    return maintenance;
  }

  /** The table with this name (case-insensitive), or null. */
  public VectorTable table(String name) {
    return tables.get(TableDefinition.key(name));
  }

  /** Every table. */
  public Collection<VectorTable> tables() {
    return tables.values();
  }

  /**
   * Creates a table.
   *
   * @throws SqlUserError 42P07 if a table of that name exists
   */
  public VectorTable createTable(TableDefinition definition) throws SQLException {
    synchronized (tables) {
      if (table(definition.name()) != null) {
        throw new SqlUserError("42P07", "table " + definition.name() + " already exists; drop it first or use"
            + " CREATE TABLE IF NOT EXISTS");
      }
      store.createTable(definition);
      VectorTable table = VectorTable.create(definition, store, maintenance);
      table.startMaintenance(Map.of());
      tables.put(TableDefinition.key(definition.name()), table);
      return table;
    }
  }

  /**
   * Drops a table and its rows.
   *
   * @throws SqlUserError 42P01 if there is no such table
   */
  public void dropTable(String name) throws SQLException {
    synchronized (tables) {
      VectorTable table = table(name);
      if (table == null) {
        throw new SqlUserError("42P01", "table " + name + " does not exist; SELECT * FROM quiver.tables lists"
            + " the tables, or use DROP TABLE IF EXISTS");
      }
      table.markDropped();
      store.dropTable(table.definition().name());
      tables.remove(TableDefinition.key(name));
      if (checkpoints != null) {
        deleteCheckpoints(VectorTable.checkpointDirectory(checkpoints, table.definition().name()));
      }
    }
  }

  /** Gives back one connection's use; the last one closes the store. */
  public void release() throws SQLException {
    // Closed under the registry's lock, so a connection opening the same location meanwhile waits and then opens it
    // afresh, rather than sharing (or, in memory, losing) a database being shut down.
    synchronized (OPEN) {
      if (--connections > 0) {
        return;
      }
      OPEN.remove(location);
      closeStore();
    }
  }

  private void closeStore() throws SQLException {
    for (VectorTable table : tables.values()) {
      table.markDropped();
    }
    if (checkpoints != null) {
      for (VectorTable table : tables.values()) {
        try {
          table.writeCheckpoints(checkpoints);
        } catch (java.io.IOException e) {
          LOG.log(java.util.logging.Level.WARNING, "could not save the index checkpoint of "
              + table.definition().name() + "; the next open rebuilds it", e);
        }
      }
    }
    store.close();
  }

  private static void deleteCheckpoints(Path directory) {
    try (java.util.stream.Stream<Path> files = Files.exists(directory) ? Files.list(directory)
        : java.util.stream.Stream.empty()) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (java.io.IOException e) {
      LOG.log(java.util.logging.Level.WARNING, "could not delete the checkpoints in " + directory, e);
    }
  }
}
