package dev.quiver.adapter.table;

import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.adapter.catalog.MaintenanceSettings;
import dev.quiver.adapter.maintenance.Job;
import dev.quiver.adapter.maintenance.JobPhase;
import dev.quiver.adapter.maintenance.MaintenanceAction;
import dev.quiver.adapter.maintenance.MaintenanceEvent;
import dev.quiver.adapter.maintenance.MaintenanceTracker;
import dev.quiver.adapter.maintenance.RebuildJob;
import dev.quiver.adapter.maintenance.RebuildOutcome;
import dev.quiver.adapter.store.H2Store;
import dev.quiver.adapter.store.IndexCheckpoint;
import dev.quiver.adapter.store.RowChanges;
import dev.quiver.functions.FloatVector;
import dev.quiver.functions.SqlUserError;
import dev.quiver.index.ivf.IdFilter;
import dev.quiver.index.ivf.RebuildProgress;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.SearchParams;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A table of the {@code quiver} schema: rows committed in H2, served from memory, with an IVF index per vector
 * column.
 *
 * <h2>Consistency</h2>
 * Statements that change the table are serialised by one lock; each commits in H2 first and only then changes the
 * rows in memory and the indexes, so a search never sees an uncommitted row and a failed statement changes nothing.
 * Scans and searches take no lock: a scan sees each row either before or after a concurrent statement.
 */
public final class VectorTable extends AbstractTable implements ScannableTable,
    org.apache.calcite.schema.TranslatableTable {

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(VectorTable.class.getName());

  private final TableDefinition definition;
  private final H2Store store;
  private final Map<Long, Object[]> rows = new ConcurrentHashMap<>();
  /** Primary-key value → row id, when the table has a primary key. */
  private final Map<Object, Long> keys = new ConcurrentHashMap<>();
  /** Indexes by column ordinal; null for scalar columns. */
  private final VectorColumnIndex[] indexes;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Where rebuilds of the indexes are reported (the database's quiver.jobs and quiver.maintenance_log). */
  private final MaintenanceTracker maintenance;
  private long nextRowId = 1;
  /** Set when the table is dropped or its database closed: statements prepared against it must not write. */
  private volatile boolean dropped;

  private VectorTable(TableDefinition definition, H2Store store, MaintenanceTracker maintenance) {
    this.definition = definition;
    this.store = store;
    this.maintenance = maintenance;
    this.indexes = new VectorColumnIndex[definition.columns().size()];
    for (int ordinal : definition.vectorColumns()) {
      ColumnDefinition column = definition.columns().get(ordinal);
      indexes[ordinal] = new VectorColumnIndex(definition.name() + "." + column.name(),
          column.type().dimension(), column.type().metric());
    }
  }

  /** A new, empty table whose index rebuilds are reported to {@code maintenance}. */
  public static VectorTable create(TableDefinition definition, H2Store store, MaintenanceTracker maintenance) {
    return new VectorTable(definition, store, maintenance);
  }

  /**
   * A table with its rows loaded from H2 and its indexes restored from their checkpoints in
   * {@code checkpoints} (null: none), or built; later index rebuilds are reported to {@code maintenance}.
   */
  public static VectorTable load(TableDefinition definition, H2Store store, Path checkpoints,
      MaintenanceTracker maintenance) throws SQLException {
    VectorTable table = new VectorTable(definition, store, maintenance);
    long start = System.nanoTime();
    java.util.concurrent.atomic.AtomicLong maxRowId = new java.util.concurrent.atomic.AtomicLong();
    store.scan(definition, (rowId, values) -> { // called from several threads for a large table
      table.rows.put(rowId, values);
      if (definition.primaryKey() >= 0) {
        table.keys.put(values[definition.primaryKey()], rowId);
      }
      maxRowId.accumulateAndGet(rowId, Math::max);
    });
    table.nextRowId = maxRowId.get() + 1;
    long scanned = System.nanoTime();
    for (int ordinal : definition.vectorColumns()) {
      IndexCheckpoint checkpoint = checkpoints == null ? null
          : IndexCheckpoint.read(table.checkpointFile(checkpoints, ordinal));
      table.indexes[ordinal].restore(table.vectorsOf(ordinal), checkpoint);
    }
    LOG.info(() -> String.format("loaded %s: %,d rows read in %.1f s, indexes ready in %.1f s", definition.name(),
        table.rows.size(), (scanned - start) / 1e9, (System.nanoTime() - scanned) / 1e9));
    return table;
  }

  /** Saves every vector index's trained state under {@code checkpoints}, so the next open skips training. */
  public void writeCheckpoints(Path checkpoints) throws IOException {
    writeLock.lock();
    try {
      long[] rowIds = rows.keySet().stream().mapToLong(Long::longValue).toArray();
      for (int ordinal : definition.vectorColumns()) {
        IndexCheckpoint checkpoint = indexes[ordinal].checkpoint(rowIds);
        Path file = checkpointFile(checkpoints, ordinal);
        if (checkpoint == null) {
          Files.deleteIfExists(file);
        } else {
          checkpoint.write(file);
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** The directory holding this table's checkpoints. */
  public static Path checkpointDirectory(Path checkpoints, String table) {
    return checkpoints.resolve(URLEncoder.encode(table, StandardCharsets.UTF_8));
  }

  private Path checkpointFile(Path checkpoints, int ordinal) {
    return checkpointDirectory(checkpoints, definition.name())
        .resolve(URLEncoder.encode(definition.columns().get(ordinal).name(), StandardCharsets.UTF_8) + ".ivf");
  }

  /** The catalog's definition of this table. */
  public TableDefinition definition() {
    return definition;
  }

  /** The index of vector column {@code ordinal}. */
  public VectorColumnIndex index(int ordinal) {
    return indexes[ordinal];
  }

  /** Number of rows. */
  public int rowCount() {
    return rows.size();
  }

  /** The row with this id, or null if it was deleted. */
  public Object[] row(long rowId) {
    return rows.get(rowId);
  }

  /** Receives one stored row with its id. */
  @FunctionalInterface
  public interface RowVisitor {
    /** Takes a row; must not modify it. */
    void visit(long rowId, Object[] row);
  }

  /** Visits every row (a weakly consistent view: rows changed meanwhile may or may not be seen). */
  public void forEachRow(RowVisitor visitor) {
    rows.forEach(visitor::visit);
  }

  /** The row ids that exist, sampled uniformly from at most {@code limit} probes (for selectivity estimates). */
  public List<Object[]> sampleRows(int wanted, java.util.Random random) {
    List<Object[]> sample = new ArrayList<>(wanted);
    long bound = nextRowId;
    for (int probe = 0; probe < wanted * 8 && sample.size() < wanted && bound > 1; probe++) {
      Object[] row = rows.get(1 + (long) (random.nextDouble() * (bound - 1)));
      if (row != null) {
        sample.add(row);
      }
    }
    return sample;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (ColumnDefinition column : definition.columns()) {
      builder.add(column.name(), column.type().relType(typeFactory, column.nullable()));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> uniqueKeys = definition.primaryKey() >= 0
        ? List.of(ImmutableBitSet.of(definition.primaryKey())) : List.of();
    // Floored at 100: with a row-count estimate of 1 Calcite drops the ORDER BY … LIMIT before the vector-search
    // rule can see it, and a table that small changes size quickly.
    return Statistics.of(Math.max(100, rows.size()), uniqueKeys);
  }

  /** A {@link dev.quiver.adapter.rel.VectorTableScan}, which brings Quiver's planner rules with it. */
  @Override
  public org.apache.calcite.rel.RelNode toRel(org.apache.calcite.plan.RelOptTable.ToRelContext context,
      org.apache.calcite.plan.RelOptTable relOptTable) {
    return new dev.quiver.adapter.rel.VectorTableScan(context.getCluster(), relOptTable);
  }

  /** The values of a one-column table (the row form Calcite uses for a single column). */
  public Enumerable<Object> scanSingleColumn(DataContext root) {
    List<Object> values = new ArrayList<>(rows.size());
    rows.values().forEach(row -> values.add(row[0]));
    return Linq4j.asEnumerable(values);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(new ArrayList<>(rows.values()));
  }

  /**
   * Searches vector column {@code ordinal} on its current index (callers start a due rebuild first with
   * {@link #refreshIndex}).
   *
   * @param filter the rows that may be returned, or null for all
   * @param selectivity the estimated fraction of rows the filter accepts (1 without a filter)
   */
  public SearchResult search(int ordinal, float[] query, SearchParams params, Predicate<Object[]> filter,
      double selectivity) {
    VectorColumnIndex index = indexes[ordinal];
    if (filter == null) {
      return index.search(query, params, null);
    }
    return index.search(query, params, new IdFilter() {
      @Override
      public boolean test(long id) {
        Object[] row = rows.get(id);
        return row != null && filter.test(row);
      }

      @Override
      public double selectivity() {
        return selectivity;
      }
    });
  }

  /**
   * Marks the table gone (dropped, or its database closed); waits for a statement writing to it to finish, then
   * stops the background maintenance of its indexes.
   */
  public void markDropped() {
    writeLock.lock();
    try {
      dropped = true;
    } finally {
      writeLock.unlock();
    }
    for (int ordinal : definition.vectorColumns()) {
      indexes[ordinal].stopMaintenance();
    }
  }

  /**
   * Starts the background maintenance of every vector column, with the settings the catalog recorded for it by
   * column name ({@link MaintenanceSettings#DEFAULT} for a column not named); every action is logged to
   * {@code quiver.maintenance_log}.
   */
  public void startMaintenance(Map<String, MaintenanceSettings> recorded) {
    for (int ordinal : definition.vectorColumns()) {
      String column = columnName(ordinal);
      MaintenanceSettings settings = recorded == null ? null : recorded.get(column);
      indexes[ordinal].startMaintenance(settings == null ? MaintenanceSettings.DEFAULT : settings,
          actions -> logActions(column, actions), new PolicyRebuildJobs(column));
    }
  }

  /** Lists the rebuilds a maintenance policy starts in {@code quiver.jobs}, phase by phase, until they end. */
  private final class PolicyRebuildJobs implements RebuildProgress {
    private final String column;
    private Job job;

    PolicyRebuildJobs(String column) {
      this.column = column;
    }

    @Override
    public synchronized void phase(Phase phase) {
      switch (phase) {
        case SNAPSHOT -> job = maintenance.jobs().start(definition.name(), column, MaintenanceAction.REBUILD,
            JobPhase.SNAPSHOT);
        case DONE -> failed(null);
        default -> {
          if (job != null) {
            job.enter(JobPhase.valueOf(phase.name()), phase.doneBefore());
          }
        }
      }
    }

    @Override
    public synchronized void failed(Throwable cause) {
      if (job != null) {
        job.finish();
        job = null;
      }
    }
  }

  /** Records a pass's actions in the database's maintenance log. */
  private void logActions(String column, List<dev.quiver.index.maintenance.MaintenanceAction> actions) {
    long now = System.currentTimeMillis();
    for (dev.quiver.index.maintenance.MaintenanceAction action : actions) {
      maintenance.log().record(definition.name(), column, MaintenanceAction.of(action.kind()),
          now - action.nanos() / 1_000_000, action.nanos(), action.partitionsBefore(), action.partitionsAfter(),
          action.vectorsMoved(), action.detail());
    }
  }

  /**
   * Changes how vector column {@code ordinal} is maintained: recorded in the catalog first (so it survives a
   * restart), then applied; the next pass uses the new policy.
   */
  public void setMaintenance(int ordinal, MaintenanceSettings settings) throws SQLException {
    requireLive();
    store.saveMaintenance(definition.name(), columnName(ordinal), settings);
    indexes[ordinal].setMaintenance(settings);
  }

  /**
   * Runs one maintenance pass over vector column {@code ordinal} now and returns what it did (also logged). A column
   * still in one partition below {@link VectorColumnIndex#MIN_PARTITIONED_ROWS} has nothing to maintain; one past it
   * is partitioned first, as a search would.
   */
  public List<dev.quiver.index.maintenance.MaintenanceAction> reindex(int ordinal) {
    requireLive();
    refreshIndex(ordinal);
    indexes[ordinal].awaitRebuild();
    return indexes[ordinal].reindexNow();
  }

  /**
   * Fails if the table is gone: a statement prepared before a DROP TABLE must not write into, or read from, a
   * table of the same name created since.
   */
  public void requireLive() {
    if (dropped) {
      throw new SqlUserError("42P01", "table " + definition.name() + " was dropped (or its database closed) after"
          + " this statement was prepared; prepare it again");
    }
  }

  /**
   * Starts partitioning vector column {@code ordinal} in the background if it reached the size for it
   * (searches call this first, whichever strategy they then use; they never wait for the rebuild).
   */
  public void refreshIndex(int ordinal) {
    VectorColumnIndex index = indexes[ordinal];
    if (index.rebuildDue()) {
      writeLock.lock(); // one start for concurrent searches, and none into a dropped table
      try {
        if (index.rebuildDue()) {
          RebuildJob job = maintenance.startRebuild(definition.name(), columnName(ordinal), partitions(index),
              "automatic: the column reached " + VectorColumnIndex.MIN_PARTITIONED_ROWS + " vectors in one partition");
          start(index, ordinal, 0, true, job);
        }
      } finally {
        writeLock.unlock();
      }
    }
  }

  /**
   * Rebuilds the index of vector column {@code ordinal} now, online, and waits until the new index is published:
   * searches and writes go on meanwhile, and the writes made during the build are replayed onto it
   * ({@link VectorColumnIndex#startRebuild(int, boolean, dev.quiver.adapter.maintenance.RebuildObserver)}), training
   * on half the cores. If a rebuild of the column is already running (another call's, or an automatic one), this
   * waits for it to be published and then runs its own, so that the index ends up with the partitioning asked for.
   *
   * @param nlist partitions, 1 to the column's vector count; 0 for the default for its size
   * @param reason why, for the maintenance log's detail
   * @return the maintenance log's event for this rebuild
   * @throws SqlUserError 22023 if {@code nlist} exceeds the column's vectors, 42P01 if the table was dropped, 58000
   *     if the build failed (the index keeps its partitioning)
   */
  public MaintenanceEvent rebuildIndex(int ordinal, int nlist, String reason) {
    VectorColumnIndex index = indexes[ordinal];
    while (true) {
      index.awaitRebuild();
      RebuildJob job;
      CompletableFuture<RebuildOutcome> running;
      writeLock.lock(); // as in refreshIndex
      try {
        requireLive();
        if (index.rebuildRunning()) {
          continue; // a search started one between the wait and the lock
        }
        job = maintenance.startRebuild(definition.name(), columnName(ordinal), partitions(index), reason);
        running = start(index, ordinal, nlist, false, job);
        if (running == null) {
          continue; // started by someone who does not hold this lock; wait for it too
        }
      } finally {
        writeLock.unlock();
      }
      try {
        running.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw new SqlUserError("58000", "rebuilding the index of " + definition.name() + "." + columnName(ordinal)
            + " failed: " + e.getCause().getMessage() + "; it keeps its current partitioning", e.getCause());
      }
      return job.event();
    }
  }

  /**
   * Starts rebuilding the index of column {@code ordinal} online, on every core when {@code urgent} (the first
   * partitioning), reported to {@code job}; the caller holds the write lock. Returns null, abandoning the job, if a
   * rebuild was already running.
   */
  private CompletableFuture<RebuildOutcome> start(VectorColumnIndex index, int ordinal, int nlist, boolean urgent,
      RebuildJob job) {
    CompletableFuture<RebuildOutcome> running = null;
    try {
      int vectors = index.size();
      if (nlist > vectors) {
        throw new SqlUserError("22023", "nlist " + nlist + " for " + definition.name() + "." + columnName(ordinal)
            + " exceeds its " + vectors + " vectors; give 1 to " + vectors + " partitions, or leave"
            + " nlist out for the default (4·√n)");
      }
      running = index.startRebuild(nlist, urgent, job);
      return running;
    } finally {
      if (running == null) {
        job.abandon(); // nothing started: the job must not stay listed
      }
    }
  }

  private String columnName(int ordinal) {
    return definition.columns().get(ordinal).name();
  }

  private static int partitions(VectorColumnIndex index) {
    dev.quiver.index.ivf.IvfIndex current = index.current();
    return current == null ? 0 : current.nlist();
  }

  /** Waits for the background rebuilds of every vector column to be published. */
  public void awaitIndexes() {
    for (int ordinal : definition.vectorColumns()) {
      indexes[ordinal].awaitRebuild();
    }
  }

  /**
   * Applies one statement: validates it, commits it in H2, then changes the rows and indexes.
   *
   * @return the number of rows changed
   */
  public long apply(TableChange change) throws SQLException {
    writeLock.lock();
    try {
      requireLive();
      RowChanges changes = change.resolve(new TableChange.Resolver(definition, rows, keys, () -> nextRowId++));
      store.apply(definition, changes);
      for (long rowId : changes.deletes()) {
        forget(rowId, rows.remove(rowId));
      }
      for (RowChanges.Row row : changes.updates()) {
        Object[] old = rows.put(row.rowId(), row.values());
        replace(row.rowId(), old, row.values());
      }
      for (RowChanges.Row row : changes.inserts()) {
        rows.put(row.rowId(), row.values());
        remember(row.rowId(), row.values());
      }
      return changes.count();
    } finally {
      writeLock.unlock();
    }
  }

  private void remember(long rowId, Object[] values) {
    if (definition.primaryKey() >= 0) {
      keys.put(values[definition.primaryKey()], rowId);
    }
    for (int ordinal : definition.vectorColumns()) {
      if (values[ordinal] != null) {
        indexes[ordinal].insert(rowId, ((FloatVector) values[ordinal]).values());
      }
    }
  }

  private void forget(long rowId, Object[] values) {
    if (definition.primaryKey() >= 0) {
      keys.remove(values[definition.primaryKey()]);
    }
    for (int ordinal : definition.vectorColumns()) {
      if (values[ordinal] != null) {
        indexes[ordinal].delete(rowId);
      }
    }
  }

  private void replace(long rowId, Object[] old, Object[] values) {
    int key = definition.primaryKey();
    if (key >= 0 && !old[key].equals(values[key])) {
      keys.remove(old[key]);
      keys.put(values[key], rowId);
    }
    for (int ordinal : definition.vectorColumns()) {
      Object before = old[ordinal];
      Object after = values[ordinal];
      if (before != null && after != null) {
        if (!before.equals(after)) {
          indexes[ordinal].update(rowId, ((FloatVector) after).values());
        }
      } else if (before != null) {
        indexes[ordinal].delete(rowId);
      } else if (after != null) {
        indexes[ordinal].insert(rowId, ((FloatVector) after).values());
      }
    }
  }

  private Map<Long, float[]> vectorsOf(int ordinal) {
    Map<Long, float[]> vectors = new HashMap<>(rows.size() * 2);
    rows.forEach((rowId, values) -> {
      if (values[ordinal] != null) {
        vectors.put(rowId, ((FloatVector) values[ordinal]).values());
      }
    });
    return vectors;
  }
}
