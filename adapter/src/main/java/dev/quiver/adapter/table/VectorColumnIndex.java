package dev.quiver.adapter.table;

import dev.quiver.adapter.maintenance.RebuildObserver;
import dev.quiver.adapter.maintenance.RebuildOutcome;
import dev.quiver.adapter.catalog.MaintenanceSettings;
import dev.quiver.adapter.store.IndexCheckpoint;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IdFilter;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.ivf.RebuildProgress;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.maintenance.MaintenanceWorker;
import dev.quiver.index.search.SearchParams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The IVF index of one vector column, kept equal to the column's committed values.
 *
 * <p>Below {@link #MIN_PARTITIONED_ROWS} vectors one partition holds everything and every search is exact; the first
 * search that finds the column past that size partitions it in the background ({@link #startRebuild}, the engine's
 * online {@link IvfIndex#rebuild}): searches and writes continue on the current partitioning, and the new one is
 * published atomically with the writes made meanwhile replayed onto it. From then on the column's maintenance
 * policy keeps the partitioning fit as rows come and go ({@link #startMaintenance}: a background worker per column,
 * Ada-IVF unless {@code quiver.set_maintenance} chose another), splitting, merging, reindexing regions and
 * rebuilding when its indicators say so.
 */
public final class VectorColumnIndex {

  private static final Logger LOG = Logger.getLogger(VectorColumnIndex.class.getName());

  /** Below this many vectors one partition (an exact scan) is as fast as any partitioning. */
  public static final int MIN_PARTITIONED_ROWS = 2_048;

  /** k-means seed: builds are reproducible. */
  private static final long SEED = 42L;

  private final String name;
  private final int dimension;
  private final Metric metric;
  /** Background rebuilds, on daemon threads: a rebuild never keeps the JVM alive or blocks a search. */
  private static final java.util.concurrent.ExecutorService BUILDERS =
      java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "quiver-index-rebuild");
        thread.setDaemon(true);
        return thread;
      });

  private volatile IvfIndex index;
  /** How the column is maintained; applied to every index it gets. */
  private volatile MaintenanceSettings maintenance = MaintenanceSettings.DEFAULT;
  /** The background maintenance of the current index, or null before {@link #startMaintenance}. */
  private volatile MaintenanceWorker worker;
  /** Who hears the worker's actions. */
  private Consumer<List<dev.quiver.index.maintenance.MaintenanceAction>> listener;
  /** Who hears the rebuilds a policy starts inside its pass (the job table lists them); null for nobody. */
  private volatile RebuildProgress rebuildObserver;
  /** The running background rebuild, or null. */
  private volatile CompletableFuture<RebuildOutcome> rebuilding;
  /** Whether the column's own rebuild holds the index's maintenance lock (so the rebuild phases are its own). */
  private volatile boolean ownRebuildTraining;

  /** An empty index for a column named {@code name} (for logs) of the given dimension and metric. */
  public VectorColumnIndex(String name, int dimension, Metric metric) {
    this.name = name;
    this.dimension = dimension;
    this.metric = metric;
  }

  /** The column's dimension. */
  public int dimension() {
    return dimension;
  }

  /** The column's metric. */
  public Metric metric() {
    return metric;
  }

  /** The current index, or null while the column holds no vector. */
  public IvfIndex current() {
    return index;
  }

  /** Adds a vector; the caller holds the table's write lock. */
  public synchronized void insert(long rowId, float[] vector) {
    if (index == null) {
      publish(IvfIndex.build(vector.clone(), new long[] {rowId}, IvfParams.of(dimension, metric, 1, SEED)));
    } else {
      index.insert(rowId, vector);
    }
    wrote();
  }

  /** Replaces a vector; the caller holds the table's write lock. */
  public synchronized void update(long rowId, float[] vector) {
    index.update(rowId, vector);
    wrote();
  }

  /** Removes a vector; the caller holds the table's write lock. */
  public synchronized void delete(long rowId) {
    index.delete(rowId);
    wrote();
  }

  private void wrote() {
    MaintenanceWorker current = worker;
    if (current != null) {
      current.wrote(1);
    }
  }

  /** Makes {@code fresh} the current index, with the column's delta store. Caller holds this. */
  private void publish(IvfIndex fresh) {
    if (fresh != null) {
      fresh.setDeltaCapacity(maintenance.deltaSize());
      fresh.setRebuildObserver(policyRebuilds());
    }
    index = fresh;
  }

  /**
   * Starts the column's background maintenance with {@code settings}; {@code listener} hears every action a pass
   * takes (the table logs them to {@code quiver.maintenance_log}) and {@code rebuilds} the progress of every rebuild
   * a pass starts (the table lists it in {@code quiver.jobs}; may be null).
   */
  public synchronized void startMaintenance(MaintenanceSettings settings,
      Consumer<List<dev.quiver.index.maintenance.MaintenanceAction>> listener, RebuildProgress rebuilds) {
    stopMaintenance();
    maintenance = settings;
    rebuildObserver = rebuilds;
    if (index != null) {
      index.setDeltaCapacity(settings.deltaSize());
      index.setRebuildObserver(policyRebuilds());
    }
    this.listener = listener;
    // No pass while this column's own rebuild trains: its result replaces the index, so a pass (or a policy's
    // rebuild) on the old one would only compete with it for the cores.
    worker = new MaintenanceWorker(name, () -> rebuilding == null ? index : null, settings.newPolicy(),
        settings.workerParams(), listener);
  }

  /**
   * Switches the column to {@code settings}: the next pass uses its policy; the delta store and the worker's
   * interval change now.
   */
  public synchronized void setMaintenance(MaintenanceSettings settings) {
    MaintenanceWorker current = worker;
    if (current != null && !current.params().equals(settings.workerParams())) {
      startMaintenance(settings, listener, rebuildObserver);
      return;
    }
    maintenance = settings;
    if (index != null) {
      index.setDeltaCapacity(settings.deltaSize());
    }
    if (current != null) {
      current.setPolicy(settings.newPolicy());
    }
  }

  /** How the column is maintained. */
  public MaintenanceSettings maintenance() {
    return maintenance;
  }

  /**
   * Runs one maintenance pass of the column's policy now, on the calling thread, and returns what it did; the
   * listener hears it too. Empty when nothing needed doing or the column has no index yet.
   */
  public List<dev.quiver.index.maintenance.MaintenanceAction> reindexNow() {
    MaintenanceWorker current = worker;
    return current == null ? List.of() : current.runNow();
  }

  /** Stops the background maintenance (the table was dropped or its database closed). */
  public synchronized void stopMaintenance() {
    MaintenanceWorker current = worker;
    worker = null;
    if (current != null) {
      current.close();
    }
  }

  /**
   * What the index tells the rebuild observer: the rebuilds a policy starts inside its pass. The column's own
   * rebuilds ({@link #startRebuild}) report to their own observer, so they are not listed twice.
   */
  private RebuildProgress policyRebuilds() {
    return new RebuildProgress() {
      @Override
      public void phase(Phase phase) {
        RebuildProgress observer = policyObserver();
        if (observer != null) {
          observer.phase(phase);
        }
      }

      @Override
      public void failed(Throwable cause) {
        RebuildProgress observer = policyObserver();
        if (observer != null) {
          observer.failed(cause);
        }
      }
    };
  }

  /** The observer a policy's rebuild reports to, or null while the column's own rebuild holds the index. */
  private RebuildProgress policyObserver() {
    return ownRebuildTraining ? null : rebuildObserver;
  }

  /**
   * Starts an online rebuild of the partitioning into {@code nlist} partitions on a background thread, reporting its
   * progress to {@code observer}: the engine snapshots the vectors, trains aside while searches and writes continue
   * on the current partitioning, replays the writes made meanwhile and publishes the new partitioning atomically. It
   * waits for a maintenance pass in progress to end, and no pass starts while it runs.
   *
   * @param nlist partitions to build; 0 for the default for the column's size ({@link #partitionsFor})
   * @param urgent train on every core (the first partitioning of a bulk-loaded column, whose searches are exact scans
   *     until it is published), not half of them (a rebuild that must leave room for searches)
   * @return completes once the new partitioning is published (or the rebuild failed, leaving the current one in
   *     use); null, starting nothing, if a rebuild is already running
   * @throws IllegalArgumentException if {@code nlist} is negative or exceeds the column's vectors (when it has any)
   */
  public synchronized CompletableFuture<RebuildOutcome> startRebuild(int nlist, boolean urgent,
      RebuildObserver observer) {
    IvfIndex target = index;
    int size = target == null ? 0 : target.size();
    if (nlist < 0 || (nlist > size && size > 0)) {
      throw new IllegalArgumentException("nlist: must be 0 (default) or 1 to " + size + " for " + name + ", was "
          + nlist);
    }
    if (rebuilding != null) {
      return null;
    }
    CompletableFuture<RebuildOutcome> started = new CompletableFuture<>();
    rebuilding = started;
    BUILDERS.execute(() -> {
      RebuildOutcome outcome = null;
      Throwable failure = null;
      try {
        outcome = rebuildOnline(target, nlist, urgent ? Runtime.getRuntime().availableProcessors() : 0, observer);
      } catch (RuntimeException | Error e) {
        LOG.log(java.util.logging.Level.WARNING, "rebuilding the index of " + name + " failed; it keeps its"
            + " current partitioning", e);
        failure = e;
      } finally {
        // Cleared before the future completes, so that whoever waited on it can start the next rebuild at once.
        synchronized (this) {
          rebuilding = null;
        }
      }
      if (failure == null) {
        observer.published(outcome);
        started.complete(outcome);
      } else {
        observer.failed(failure);
        started.completeExceptionally(failure);
      }
    });
    return started;
  }

  /** Runs the engine's online rebuild of {@code target} under its maintenance lock; an empty column keeps it. */
  private RebuildOutcome rebuildOnline(IvfIndex target, int nlist, int threads, RebuildObserver observer) {
    if (target == null || target.size() == 0) {
      int partitions = target == null ? 0 : target.nlist();
      return new RebuildOutcome(0, partitions, partitions, 0, null);
    }
    java.util.concurrent.locks.ReentrantLock lock = target.maintenanceLock();
    lock.lock();
    ownRebuildTraining = true;
    try {
      int vectors = target.size();
      int partitions = nlist > 0 ? Math.min(nlist, vectors) : partitionsFor(vectors);
      dev.quiver.index.ivf.RebuildResult result = target.rebuild(partitions, threads, phase -> {
        switch (phase) {
          case TRAINING -> observer.building(vectors, partitions, dimension);
          case REPLAYING -> observer.replaying();
          default -> { }
        }
      });
      if (partitions > 1) {
        LOG.info(() -> String.format("rebuilt the index of %s: %,d vectors in %,d partitions in %.1f s", name,
            result.vectors(), result.partitionsAfter(), result.nanos() / 1e9));
      }
      return new RebuildOutcome((int) result.vectors(), result.partitionsBefore(), result.partitionsAfter(),
          result.replayedWrites(), target.buildStats());
    } finally {
      ownRebuildTraining = false;
      lock.unlock();
    }
  }

  /** Whether a background rebuild is running. */
  public boolean rebuildRunning() {
    return rebuilding != null;
  }

  /** Waits until a running background rebuild has been published (returns at once when none runs). */
  public void awaitRebuild() {
    CompletableFuture<RebuildOutcome> running = rebuilding;
    if (running != null) {
      try {
        running.join();
      } catch (java.util.concurrent.CompletionException e) {
        // logged by the builder; the current index stays in use
      }
    }
  }

  /** Replaces everything by a fresh build over {@code rows} (row id → vector), on the calling thread. */
  public synchronized void rebuild(Map<Long, float[]> rows) {
    publish(build(rows));
  }

  /** A fresh index over {@code rows} in the default partitions for their count, or null for none. */
  private IvfIndex build(Map<Long, float[]> rows) {
    int n = rows.size();
    if (n == 0) {
      return null;
    }
    Rows flat = Rows.of(rows, dimension);
    long[] ids = flat.ids();
    float[] vectors = flat.vectors();
    long start = System.nanoTime();
    IvfIndex built = IvfIndex.build(vectors, ids, IvfParams.of(dimension, metric, partitionsFor(n), SEED));
    if (n >= MIN_PARTITIONED_ROWS) {
      LOG.info(() -> String.format("built the index of %s: %,d vectors in %,d partitions in %.1f s", name, n,
          built.nlist(), (System.nanoTime() - start) / 1e9));
    }
    return built;
  }

  /**
   * Rebuilds from a checkpoint's trained state (no k-means, no calibration) when it fits this column; otherwise a
   * full rebuild.
   */
  public synchronized void restore(Map<Long, float[]> rows, IndexCheckpoint checkpoint) {
    if (checkpoint == null || checkpoint.dim() != dimension || checkpoint.metric() != metric || rows.isEmpty()
        || checkpoint.nlist() < 1) {
      rebuild(rows);
      return;
    }
    int n = rows.size();
    Rows flat = Rows.of(rows, dimension);
    long[] ids = flat.ids();
    float[] vectors = flat.vectors();
    int[] assignment = new int[n];
    int known = 0;
    for (int i = 0; i < n; i++) {
      assignment[i] = checkpoint.partitionOf(ids[i]);
      known += assignment[i] >= 0 ? 1 : 0;
    }
    try {
      publish(IvfIndex.restore(vectors, ids, assignment, IvfParams.of(dimension, metric, checkpoint.nlist(), SEED),
          checkpoint.centroids(), checkpoint.modelDimensions(), checkpoint.partitionIds()));
    } catch (IllegalArgumentException e) {
      LOG.warning(() -> "the checkpoint of " + name + " does not fit (" + e.getMessage() + "); rebuilding");
      rebuild(rows);
      return;
    }
    int restored = known;
    LOG.info(() -> String.format("restored the index of %s from its checkpoint: %,d vectors (%,d placed anew) in"
        + " %,d partitions", name, n, n - restored, index.nlist()));
  }

  /** The checkpoint of the current index over {@code rowIds}, or null while the column holds no vector. */
  public synchronized IndexCheckpoint checkpoint(long[] rowIds) {
    return index == null ? null : IndexCheckpoint.of(index, rowIds);
  }

  /** Searches the current index; {@code filter} is the rows that may be returned, or null for all. */
  public SearchResult search(float[] query, SearchParams params, IdFilter filter) {
    IvfIndex current = index;
    if (current == null) {
      return new SearchResult(new long[0], new float[0], 0, 0, 1.0);
    }
    return filter == null ? current.search(query, params) : current.search(query, params, filter);
  }

  /** Number of vectors indexed. */
  public int size() {
    IvfIndex current = index;
    return current == null ? 0 : current.size();
  }

  /** Whether the column is due its first partitioning, and no rebuild is running. */
  public synchronized boolean rebuildDue() {
    return index != null && rebuilding == null && rebuildDue(index.size());
  }

  /**
   * Only the first partitioning is the column's to start: a column that reached {@link #MIN_PARTITIONED_ROWS} in one
   * partition. After that its maintenance policy decides (the schedule that rebuilt at 2× and ¼ of the built size is
   * what Ada-IVF's indicators and Quake's cost model replace).
   */
  private boolean rebuildDue(int size) {
    return index.nlist() == 1 && size >= MIN_PARTITIONED_ROWS;
  }

  /** Partitions for n vectors: 4·√n (ALGORITHMS.md §1), one below {@link #MIN_PARTITIONED_ROWS}. */
  static int partitionsFor(int n) {
    return n < MIN_PARTITIONED_ROWS ? 1 : (int) Math.round(4 * Math.sqrt(n));
  }

  /** Row ids and their vectors laid out as the engine takes them: parallel, row-major. */
  private record Rows(long[] ids, float[] vectors) {
    static Rows of(Map<Long, float[]> rows, int dimension) {
      long[] ids = new long[rows.size()];
      float[] vectors = new float[rows.size() * dimension];
      int i = 0;
      for (Map.Entry<Long, float[]> row : rows.entrySet()) {
        ids[i] = row.getKey();
        System.arraycopy(row.getValue(), 0, vectors, i * dimension, dimension);
        i++;
      }
      return new Rows(ids, vectors);
    }
  }
}
