package dev.quiver.index.ivf;

import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import dev.quiver.index.search.TopKCollector;
import dev.quiver.index.Metric;
import dev.quiver.index.cluster.CentroidAssigner;
import dev.quiver.index.cluster.KMeans;
import dev.quiver.index.cluster.KMeansParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An inverted-file (IVF) vector index: vectors are grouped into partitions around trained centroids, and a search
 * scans only the partitions whose centroids are nearest the query.
 *
 * <h2>Threading contract</h2>
 * <ul>
 *   <li>Searches ({@link #search}, {@link #exactSearch}) may run concurrently with each other and with writes. Each
 *       partition is read under its read lock, so a search sees every partition it scans in a consistent state,
 *       before or after any given write, never in between (no torn rows).</li>
 *   <li>Writes ({@link #insert}, {@link #delete}, {@link #update}) are serialised by one index-wide write lock and
 *       hold a partition's write lock only while they change it, so no write is lost and a search waits at most for
 *       one row copy. A write is visible to every search that starts after the write returned.</li>
 *   <li>An update that moves a vector to another partition appends the new row before it removes the old one, so a
 *       search concurrent with it may meet the row twice (it is reported once) but never miss it.</li>
 * </ul>
 *
 * <h2>Maintenance</h2>
 * The partitioning can change while the index serves: {@link #recluster} replaces a region of partitions by new
 * ones, {@link #moveCentroidsToMeans} moves centroids, {@link #rebuild} retrains everything online. Each builds its
 * new partitions aside and publishes the new partitioning atomically (one volatile write); a search uses the
 * partitioning it started with, which stays intact, so no search waits for maintenance and none sees a half-made
 * change. Maintenance actions hold the index-wide write lock only to copy rows and to publish; they are serialised
 * with each other by {@link #maintenanceLock()}. Statistics for the policies that decide them are in
 * {@link #partitionStats()}.
 *
 * <h2>Delta store</h2>
 * With a delta capacity above 0 ({@link #setDeltaCapacity}), inserts go to a small buffer every query scans
 * exhaustively, and are moved into their partitions together when it is full (ALGORITHMS.md §3): an insert then costs
 * no centroid search and no partition lock until the flush.
 *
 * <h2>Metrics</h2>
 * L2 compares squared distances and reports Euclidean ones; inner product reports the negative inner product;
 * cosine stores unit vectors (normalised on build, insert and update alike) and reports {@code 1 − cos}.
 *
 * <p>Bad input (wrong dimension, NaN or infinite components, k ≤ 0, an unknown id) throws
 * {@link IllegalArgumentException} naming the parameter and value, and leaves the index unchanged.
 */
public final class IvfIndex {

  /** Partition index that marks a row held in the delta store in the id → location map. */
  static final int DELTA = Integer.MAX_VALUE;

  private volatile IvfParams params;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Serialises maintenance actions, so a policy's pass sees no other action between its reads and its changes. */
  private final ReentrantLock maintenanceLock = new ReentrantLock();
  private final IndexActivity activity = new IndexActivity();
  private volatile BuildStats buildStats;
  /** The published partitioning and its scanners; replaced as a whole by maintenance. */
  private volatile Searcher searcher;
  /** Guarded by {@link #writeLock}; replaced by a rebuild. */
  private IdLocationMap locations;
  /** Next stable partition id; guarded by {@link #writeLock}. */
  private long nextPartitionId;
  private volatile int size;
  /** Inserts, deletes and updates applied since creation; written under {@link #writeLock}. */
  private volatile long mutations;
  /** Delta store capacity, 0 when disabled; guarded by {@link #writeLock}. */
  private int deltaCapacity;
  /** Writes made while an online rebuild trains, replayed onto its result; null when none runs. */
  private List<Change> rebuildLog;
  private volatile IndexBaseline baseline;

  IvfIndex(IvfParams params, PartitionLayout layout, IdLocationMap locations, BuildStats buildStats,
      float meanSquaredNorm, ModelDimensions[] modelDimensions, long nextPartitionId, int calibratedNlist) {
    this.params = params;
    this.locations = locations;
    this.buildStats = buildStats;
    this.size = locations.size();
    this.nextPartitionId = nextPartitionId;
    this.searcher = new Searcher(new AdaptivePartitionScan(layout, params.metric(), params.aps(), meanSquaredNorm,
        modelDimensions, activity, calibratedNlist));
    this.baseline = IndexBaseline.of(this);
  }

  /** One published partitioning with its serial and batched scanners. */
  private record Searcher(AdaptivePartitionScan scan, BatchedPartitionScan batch) {
    Searcher(AdaptivePartitionScan scan) {
      this(scan, new BatchedPartitionScan(scan));
    }

    PartitionLayout layout() {
      return scan.layout();
    }
  }

  /**
   * Builds an index over {@code ids.length} vectors given row-major in {@code vectors}: trains {@code nlist}
   * centroids, then assigns every vector to its nearest centroid's partition. Uses all cores unless the training
   * parameters say otherwise. The input arrays are not kept.
   *
   * @throws IllegalArgumentException on a size mismatch, a non-finite component, a zero vector under cosine, a
   *     duplicate id, or fewer vectors than partitions
   */
  public static IvfIndex build(float[] vectors, long[] ids, IvfParams params) {
    return IvfBuilder.build(vectors, ids, params);
  }

  /** Parameters this index was built (or last rebuilt) with; {@code nlist} is the count at that build. */
  public IvfParams params() {
    return params;
  }

  /**
   * Rebuilds an index from a checkpoint without training or calibration: the centroids and APS model dimensions of
   * {@link #centroids()} and {@link #modelDimensionsByK()}, and each vector's partition from {@link #partitionOf}
   * (−1 for vectors the checkpoint did not know, which go to their nearest centroid). Any assignment gives correct
   * results; a stale one only costs some recall until the next rebuild.
   */
  public static IvfIndex restore(float[] vectors, long[] ids, int[] assignment, IvfParams params, float[] centroids,
      ModelDimensions[] modelDimensions) {
    return IvfBuilder.restore(vectors, ids, assignment, params, centroids, modelDimensions, null);
  }

  /**
   * {@link #restore(float[], long[], int[], IvfParams, float[], ModelDimensions[])} keeping the partitions' stable
   * ids ({@link #partitionIds()} of the checkpointed index), so that what a user or a log saw of a partition still
   * names it after a restart; null numbers them from 0.
   *
   * @throws IllegalArgumentException if {@code partitionIds} is not {@code nlist} distinct non-negative ids
   */
  public static IvfIndex restore(float[] vectors, long[] ids, int[] assignment, IvfParams params, float[] centroids,
      ModelDimensions[] modelDimensions, long[] partitionIds) {
    return IvfBuilder.restore(vectors, ids, assignment, params, centroids, modelDimensions, partitionIds);
  }

  /** The stable id of each partition, in partition order (the order of {@link #centroids()}). */
  public long[] partitionIds() {
    PartitionLayout layout = layout();
    long[] out = new long[layout.nlist()];
    for (int p = 0; p < out.length; p++) {
      out[p] = layout.partition(p).id();
    }
    return out;
  }

  /** A copy of the centroids, row-major, {@code nlist × dim}. */
  public float[] centroids() {
    return layout().centroids().clone();
  }

  /** APS's model dimensions, one set per calibrated k (the checkpoint of the calibration). */
  public ModelDimensions[] modelDimensionsByK() {
    return searcher.scan().modelDimensionsByK();
  }

  /** The partition (index) holding {@code id}, or −1 if it is not in the index or waits in the delta store. */
  public int partitionOf(long id) {
    writeLock.lock();
    try {
      long location = locations.get(id);
      if (location == IdLocationMap.ABSENT) {
        return -1;
      }
      int p = IdLocationMap.partitionOf(location);
      return p == DELTA ? -1 : p;
    } finally {
      writeLock.unlock();
    }
  }

  /** Timings of the build (or last rebuild) that created this index's partitioning. */
  public BuildStats buildStats() {
    return buildStats;
  }

  /** Number of vectors held. */
  public int size() {
    return size;
  }

  /** Number of partitions. */
  public int nlist() {
    return layout().nlist();
  }

  /**
   * The dimensions APS's recall model uses per recall target for searches of {@code k} results: calibrated on the
   * data when the index was built (usually far below the vectors' own dimension; for k = 10 and k = 100, a query
   * using the nearest calibrated k at or above its own), or as fixed by
   * {@link dev.quiver.index.aps.ApsConfig#modelDimension()}.
   */
  public ModelDimensions apsModelDimensions(int k) {
    return searcher.scan().modelDimensions(k);
  }

  /** Levels of centroid search: 1 for a flat scan of the centroids, 2 with a parent IVF over them. */
  public int centroidIndexLevels() {
    return layout().centroidIndex().levels();
  }

  /** Current number of vectors in each partition, by partition index. */
  public int[] partitionSizes() {
    PartitionLayout layout = layout();
    int[] sizes = new int[layout.nlist()];
    for (int p = 0; p < sizes.length; p++) {
      sizes[p] = layout.partition(p).size();
    }
    return sizes;
  }

  /** Number of times each partition was scanned since it was created, by partition index. */
  public long[] partitionAccessCounts() {
    PartitionLayout layout = layout();
    long[] counts = new long[layout.nlist()];
    for (int p = 0; p < counts.length; p++) {
      counts[p] = layout.partition(p).accessCount();
    }
    return counts;
  }

  /** Heap bytes held by the partitions, the delta store, the id map and the centroids. */
  public long memoryBytes() {
    PartitionLayout layout = layout();
    long bytes = (long) layout.centroids().length * Float.BYTES;
    for (int p = 0; p < layout.nlist(); p++) {
      bytes += layout.partition(p).memoryBytes();
    }
    Partition delta = activity.delta();
    bytes += delta == null ? 0 : delta.memoryBytes();
    writeLock.lock();
    try {
      return bytes + locations.memoryBytes();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Approximate search: the {@code k} nearest vectors among the {@code nprobe} partitions whose centroids are
   * nearest the query. An {@code nprobe} above {@link #nlist()} scans every partition.
   */
  public SearchResult search(float[] query, int k, int nprobe) {
    VectorChecks.requirePositive("k", k);
    VectorChecks.requirePositive("nprobe", nprobe);
    return search(query, SearchParams.fixedNprobe(k, nprobe));
  }

  /**
   * Searches as {@code params} asks: Adaptive Partition Scanning for a recall target (the default), a fixed
   * nprobe, or exact at recall 1.0; on {@code params.threads()} threads, with results identical to one thread's.
   */
  public SearchResult search(float[] query, SearchParams params) {
    return toResult(searchPrepared(prepareQuery(query), params));
  }

  /**
   * Searches as {@code params} asks among the vectors whose id {@code filter} accepts: the k nearest matching
   * vectors within the partitions APS (or the fixed nprobe) scans. The filter runs on the scanning threads, only for
   * vectors near enough to enter the top k; it must be thread-safe when {@code params.threads() > 1}.
   *
   * <p>Always returns min(k, matching vectors) results: when the partitions planned held fewer than k matches (a
   * selective filter whose matches lie outside APS's candidate partitions), the search continues over every
   * partition, so a filter never shortens the result the way a post-filter would.
   */
  public SearchResult search(float[] query, SearchParams params, IdFilter filter) {
    java.util.Objects.requireNonNull(filter, "filter");
    float[] prepared = prepareQuery(query);
    AdaptivePartitionScan scan = searcher.scan();
    ScanOutcome outcome = scan.run(scan.plan(prepared, params, filter));
    if (outcome.ranked().ids().length < params.k() && outcome.partitionsScanned() < scan.layout().nlist()) {
      ScanOutcome exhaustive = scan.run(scan.plan(prepared, params.withRecallTarget(1.0).withNprobe(0)
          .withMaxPartitions(0), filter));
      return toResult(new ScanOutcome(exhaustive.ranked(), outcome.partitionsScanned()
          + exhaustive.partitionsScanned(), outcome.vectorsScanned() + exhaustive.vectorsScanned(), 1.0));
    }
    return toResult(outcome);
  }

  /**
   * Searches many queries at once, grouped by partition so each partition is read once per wave; results are
   * identical to searching the queries one by one with the same parameters.
   */
  public SearchResult[] searchBatch(float[][] queries, SearchParams params) {
    Searcher current = searcher;
    float[][] prepared = new float[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      prepared[i] = prepareVector("queries[" + i + "]", queries[i]);
    }
    AdaptivePartitionScan.Plan[] plans = current.scan().plans(prepared, params);
    ScanOutcome[] outcomes = current.batch().run(plans, params.threads());
    SearchResult[] results = new SearchResult[outcomes.length];
    for (int i = 0; i < outcomes.length; i++) {
      results[i] = toResult(outcomes[i]);
    }
    return results;
  }

  /** Exact search over every vector: the ground-truth path. */
  public SearchResult exactSearch(float[] query, int k) {
    return search(query, SearchParams.forRecall(k, 1.0));
  }

  /** Search with an already validated and normalised query; internal scores kept (for the parent centroid level). */
  ScanOutcome searchPrepared(float[] query, SearchParams params) {
    AdaptivePartitionScan scan = searcher.scan();
    return scan.run(scan.plan(query, params));
  }

  /**
   * Adds a vector: to the delta store when one is configured, else to the partition of its nearest centroid.
   *
   * @throws IllegalArgumentException if the id is already present, or the vector is invalid
   */
  public void insert(long id, float[] vector) {
    VectorChecks.requireUsableId(id);
    float[] v = prepareVector("vector", vector);
    PartitionLayout seen = layout();
    int p = deltaCapacity > 0 ? -1 : seen.assign(v); // a racy read: re-checked under the lock
    writeLock.lock();
    try {
      if (locations.get(id) != IdLocationMap.ABSENT) {
        throw new IllegalArgumentException("id: " + id + " is already in the index; use update to replace it");
      }
      Partition delta = activity.delta();
      if (deltaCapacity > 0 && delta != null) {
        locations.put(id, IdLocationMap.pack(DELTA, delta.append(id, v)));
        if (delta.size() >= deltaCapacity) {
          flushDelta();
        }
      } else {
        PartitionLayout layout = layout();
        if (layout != seen || p < 0) {
          p = layout.assign(v);
        }
        locations.put(id, IdLocationMap.pack(p, layout.partition(p).append(id, v)));
      }
      size++;
      mutations++;
      log(new Change(Change.Kind.INSERT, id, v));
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Removes the vector with this id, in O(1): its row is swapped with its partition's last row.
   *
   * @throws IllegalArgumentException if no vector has this id
   */
  public void delete(long id) {
    writeLock.lock();
    try {
      long location = requireLocation(id);
      removeRow(id, location);
      size--;
      mutations++;
      log(new Change(Change.Kind.DELETE, id, null));
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Replaces the vector of an existing id, moving it to another partition when its nearest centroid changed.
   *
   * @throws IllegalArgumentException if no vector has this id, or the vector is invalid
   */
  public void update(long id, float[] vector) {
    float[] v = prepareVector("vector", vector);
    PartitionLayout seen = layout();
    int target = seen.assign(v);
    writeLock.lock();
    try {
      long location = requireLocation(id);
      int current = IdLocationMap.partitionOf(location);
      PartitionLayout layout = layout();
      if (current == DELTA) {
        activity.delta().overwrite(IdLocationMap.offsetOf(location), v);
      } else {
        if (layout != seen) {
          target = layout.assign(v);
        }
        if (current == target) {
          layout.partition(current).overwrite(IdLocationMap.offsetOf(location), v);
        } else {
          int offset = layout.partition(target).append(id, v);
          removeRow(id, location);
          locations.put(id, IdLocationMap.pack(target, offset));
        }
      }
      mutations++;
      log(new Change(Change.Kind.UPDATE, id, v));
    } finally {
      writeLock.unlock();
    }
  }

  /** Whether a vector with this id is present. */
  public boolean contains(long id) {
    writeLock.lock();
    try {
      return locations.get(id) != IdLocationMap.ABSENT;
    } finally {
      writeLock.unlock();
    }
  }

  /** A copy of the stored vector of this id (unit length under cosine). */
  public float[] vector(long id) {
    writeLock.lock();
    try {
      long location = requireLocation(id);
      float[] out = new float[params.dim()];
      partitionAt(IdLocationMap.partitionOf(location)).copyRow(IdLocationMap.offsetOf(location), out);
      return out;
    } finally {
      writeLock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Delta store

  /**
   * Sets the delta store's capacity in vectors: inserts are buffered there and moved into their partitions together
   * when it is full. 0 disables it (what it holds is moved into the partitions now).
   */
  public void setDeltaCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("deltaCapacity: must be 0 (disabled) or positive, was " + capacity);
    }
    writeLock.lock();
    try {
      if (capacity == 0) {
        flushDelta();
        activity.delta(null);
      } else if (activity.delta() == null) {
        activity.delta(new Partition(-1, params.dim(), Math.min(capacity, 1024)));
      } else if (activity.delta().size() >= capacity) {
        flushDelta();
      }
      deltaCapacity = capacity;
    } finally {
      writeLock.unlock();
    }
  }

  /** The delta store's capacity (0: disabled). */
  public int deltaCapacity() {
    writeLock.lock();
    try {
      return deltaCapacity;
    } finally {
      writeLock.unlock();
    }
  }

  /** Vectors waiting in the delta store. */
  public int deltaSize() {
    Partition delta = activity.delta();
    return delta == null ? 0 : delta.size();
  }

  /**
   * Moves every buffered insert into its partition, then starts an empty buffer. Searches scan the delta store
   * before any partition and hold the buffer they planned with, so a search meets a moved row in the old buffer, in
   * its partition, or both (reported once), never in neither. Caller holds the write lock.
   */
  private void flushDelta() {
    Partition delta = activity.delta();
    if (delta == null || delta.size() == 0) {
      return;
    }
    PartitionLayout layout = layout();
    int dim = params.dim();
    Snapshot rows = gather(List.of(delta), new long[1], dim);
    float[] row = new float[dim];
    for (int i = 0; i < rows.ids().length; i++) {
      System.arraycopy(rows.vectors(), i * dim, row, 0, dim);
      int p = layout.assign(row);
      locations.put(rows.ids()[i], IdLocationMap.pack(p, layout.partition(p).append(rows.ids()[i], row)));
    }
    activity.delta(new Partition(-1, dim, Math.min(Math.max(deltaCapacity, 16), 1024)));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Statistics for maintenance

  /** Inserts, deletes and updates applied since the index was created (what Rebuild's 2.5% rule counts). */
  public long mutations() {
    return mutations;
  }

  /** Searches planned since the index was created (each cools every partition it did not scan). */
  public long queries() {
    return activity.queries();
  }

  /** Sets how read temperatures are measured. */
  public void setTemperatureParams(TemperatureParams value) {
    activity.temperature(java.util.Objects.requireNonNull(value, "temperature"));
  }

  /** The temperature settings in use. */
  public TemperatureParams temperatureParams() {
    return activity.temperature();
  }

  /**
   * The state of the partitioning at its last build or rebuild: what Ada-IVF's global indicator compares the
   * current state with (σ0, ε0, n0).
   */
  public IndexBaseline baseline() {
    return baseline;
  }

  /**
   * A snapshot of every partition's statistics, by partition index. A partition's temperature is its read rate over
   * the mean read rate of all partitions, floored at 1 and capped ({@link TemperatureParams}).
   */
  public PartitionStats[] partitionStats() {
    PartitionLayout layout = layout();
    long now = activity.queries();
    TemperatureParams temperature = activity.temperature();
    int dim = layout.dim();
    int nlist = layout.nlist();
    double[] readRates = new double[nlist];
    double rateSum = 0;
    for (int p = 0; p < nlist; p++) {
      readRates[p] = layout.partition(p).readRateAt(now, temperature);
      rateSum += readRates[p];
    }
    double meanRate = rateSum / nlist;
    PartitionStats[] stats = new PartitionStats[nlist];
    for (int p = 0; p < nlist; p++) {
      Partition partition = layout.partition(p);
      float[] centroid = java.util.Arrays.copyOfRange(layout.centroids(), p * dim, (p + 1) * dim);
      double t = meanRate > 0 ? Math.min(temperature.maxTemperature(), Math.max(1.0, readRates[p] / meanRate)) : 1.0;
      stats[p] = new PartitionStats(p, partition.id(), partition.size(), centroid, partition.mean(),
          partition.initialMean(), t, partition.accessCount(), partition.squaredError(layout.centroids(), p * dim),
          partition.modCount());
    }
    return stats;
  }

  /**
   * Mean squared distance from each vector to its partition's centroid (the reconstruction error ε of Ada-IVF's
   * global indicator; for cosine, on the unit vectors), from the partitions' running sums in O(nlist·d).
   */
  public double reconstructionError() {
    PartitionLayout layout = layout();
    double total = 0;
    long count = 0;
    for (int p = 0; p < layout.nlist(); p++) {
      Partition partition = layout.partition(p);
      total += partition.squaredError(layout.centroids(), p * layout.dim());
      count += partition.size();
    }
    return count == 0 ? 0 : total / count;
  }

  /** The stable ids of the {@code count} partitions whose centroids are nearest {@code point}, nearest first. */
  public long[] nearestPartitionIds(float[] point, int count) {
    PartitionLayout layout = layout();
    float[] prepared = prepareVector("point", point);
    Candidates candidates = layout.centroidIndex().nearest(prepared, Math.min(count, layout.nlist()));
    long[] ids = new long[candidates.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = layout.partition(candidates.partitions()[i]).id();
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Maintenance actions

  /**
   * The lock that serialises maintenance: a policy holds it for a whole pass so that nothing else changes the
   * partitioning between what it read and what it does. Writes and searches do not take it.
   */
  public ReentrantLock maintenanceLock() {
    return maintenanceLock;
  }

  /**
   * Computes, aside, a new partitioning of a region: the vectors of the partitions {@code partitionIds} are
   * clustered into {@code count} partitions, by k-means with {@code iterations} Lloyd iterations from
   * {@code initialCentroids} ({@code count × dim} floats, 0 iterations keeping them: a pure reassignment), or from
   * k-means++ when {@code initialCentroids} is null. Nothing changes until {@link Recluster#commit()}; a caller that
   * finds the result not worth it (Quake's verification) just drops it. Requires the maintenance lock.
   *
   * @throws IllegalArgumentException for an unknown partition id, a repeated one, or a count below 1
   */
  public Recluster recluster(long[] partitionIds, float[] initialCentroids, int count, int iterations,
      boolean balanced, long seed) {
    requireMaintenanceLock();
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, was " + count);
    }
    int dim = params.dim();
    if (initialCentroids != null && initialCentroids.length != count * dim) {
      throw new IllegalArgumentException("initialCentroids: expected " + count + " × " + dim + " floats, got "
          + initialCentroids.length);
    }
    PartitionLayout layout = layout();
    Partition[] sources = resolve(layout, partitionIds);
    long[] modCounts = new long[sources.length];
    Snapshot region = gather(java.util.Arrays.asList(sources), modCounts, dim);
    float[] data = region.vectors();
    long[] ids = region.ids();
    int n = ids.length;
    KMeans.Origins origins = initialCentroids == null ? null : origins(layout, sources, region.ends());
    float[] centroids = regionCentroids(data, n, initialCentroids, count, iterations, balanced, seed, origins);
    int k = centroids.length / dim;
    return new Recluster(this, layout, sources, modCounts, centroids, k, ids, data);
  }

  /**
   * The region's rows grouped by the partition they were gathered from, around that partition's centroid: where a
   * refinement from given seeds looks for each row's first seed.
   */
  private static KMeans.Origins origins(PartitionLayout layout, Partition[] sources, int[] ends) {
    int dim = layout.dim();
    float[] all = layout.centroids();
    float[] centres = new float[sources.length * dim];
    int[] group = new int[ends.length == 0 ? 0 : ends[ends.length - 1]];
    for (int i = 0, row = 0; i < sources.length; i++) {
      System.arraycopy(all, indexOf(layout, sources[i]) * dim, centres, i * dim, dim);
      for (; row < ends[i]; row++) {
        group[row] = i;
      }
    }
    return new KMeans.Origins(group, centres, sources.length);
  }

  private float[] regionCentroids(float[] data, int n, float[] initial, int count, int iterations,
      boolean balanced, long seed, KMeans.Origins origins) {
    int dim = params.dim();
    KMeansParams training = KMeansParams.of(count, seed).withIterations(iterations).withBalanced(balanced)
        .withSpherical(params.metric().normalizes()).withMaxPointsPerCluster(0).withThreads(1);
    if (initial != null) {
      return KMeans.refine(data, n, dim, initial, training, origins).centroids();
    }
    if (n == 0) {
      return new float[0];
    }
    return KMeans.train(data, n, dim, training.withClusters(Math.min(count, n))).centroids();
  }

  /**
   * Each row's nearest centroid, in 4 × 4 tiles of rows and centroids on one thread: assigning one row at a
   * time took a fifth of Ada-IVF's maintenance on WordNet-MiniLM (bench/RESULTS.md, issue 5).
   */
  private void assignTo(float[] centroids, int k, float[] data, int n, int[] assignment) {
    CentroidAssigner assigner = new CentroidAssigner(centroids, k, params.dim(),
        params.metric() == Metric.INNER_PRODUCT);
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1);
    try {
      assigner.assign(data, n, assignment, null, pool);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A region's new partitioning, computed aside by {@link #recluster}: inspect {@link #sizes()} and
   * {@link #centroids()}, then {@link #commit()} it or drop it.
   */
  public static final class Recluster {
    private final IvfIndex index;
    private final PartitionLayout basis;
    private final Partition[] sources;
    /** Each source's change count when its rows were gathered: a later one means rows were written meanwhile. */
    private final long[] modCounts;
    private final float[] centroids;
    private final int count;
    private final long[] ids;
    private final float[] data;
    /** Each row's new partition, computed when first needed: a caller that only wants the centroids skips it. */
    private int[] assignment;
    private boolean committed;

    Recluster(IvfIndex index, PartitionLayout basis, Partition[] sources, long[] modCounts, float[] centroids,
        int count, long[] ids, float[] data) {
      this.index = index;
      this.basis = basis;
      this.sources = sources;
      this.modCounts = modCounts;
      this.centroids = centroids;
      this.count = count;
      this.ids = ids;
      this.data = data;
    }

    /** The new partitions' sizes as computed (partitions that would be empty are dropped on commit). */
    public int[] sizes() {
      int[] sizes = new int[count];
      for (int a : assignment()) {
        sizes[a]++;
      }
      return sizes;
    }

    private int[] assignment() {
      if (assignment == null) {
        assignment = new int[ids.length];
        if (ids.length > 0) {
          index.assignTo(centroids, count, data, ids.length, assignment);
        }
      }
      return assignment;
    }

    /** The new centroids, row-major. */
    public float[] centroids() {
      return centroids.clone();
    }

    /** Vectors in the region. */
    public int vectors() {
      return ids.length;
    }

    /**
     * Publishes the new partitioning of the region, or returns null when the partitioning changed since this was
     * computed (another action replaced a source partition; nothing is changed then). Rows written to the region
     * meanwhile are placed by their nearest new centroid.
     */
    public RegionChange commit() {
      if (committed) {
        throw new IllegalStateException("this recluster was already committed");
      }
      committed = true;
      return index.commit(this);
    }
  }

  private RegionChange commit(Recluster change) {
    requireMaintenanceLock();
    int[] computed = change.assignment(); // before the write lock: writes wait only for the publication
    long start = System.nanoTime();
    int dim = params.dim();
    writeLock.lock();
    try {
      PartitionLayout layout = layout();
      int[] sourceIndex = new int[change.sources.length];
      for (int i = 0; i < sourceIndex.length; i++) {
        sourceIndex[i] = indexOf(layout, change.sources[i]);
        if (sourceIndex[i] < 0) {
          return null;
        }
      }
      long[] ids = change.ids;
      float[] data = change.data;
      int[] assignment = computed;
      boolean changed = false;
      for (int i = 0; i < change.sources.length; i++) {
        changed |= change.sources[i].modCount() != change.modCounts[i];
      }
      if (changed) { // rows were written to the region while it was computed: place the current rows anew
        Snapshot now = gather(java.util.Arrays.asList(change.sources), new long[change.sources.length], dim);
        ids = now.ids();
        data = now.vectors();
        int n = ids.length;
        assignment = new int[n];
        if (change.count > 0 && n > 0) {
          assignTo(change.centroids, change.count, data, n, assignment);
        }
      }
      int[] sizes = new int[change.count];
      for (int a : assignment) {
        sizes[a]++;
      }
      // Empty clusters become no partition (a reassignment can leave one empty; an empty partition only costs).
      // An index whose every partition is in the region keeps one, empty if need be, where its first source was.
      int[] clusterOf = new int[change.count];
      int kept = 0;
      for (int c = 0; c < change.count; c++) {
        clusterOf[c] = sizes[c] > 0 ? kept++ : -1;
      }
      boolean keepEmpty = kept == 0 && layout.nlist() == change.sources.length;
      int createdCount = keepEmpty ? 1 : kept;
      double inherited = inheritedReadRate(change.sources);
      Partition[] created = new Partition[createdCount];
      float[] createdCentroids = new float[createdCount * dim];
      int[] capacity = new int[createdCount];
      for (int c = 0; c < change.count; c++) {
        if (clusterOf[c] >= 0) {
          System.arraycopy(change.centroids, c * dim, createdCentroids, clusterOf[c] * dim, dim);
          capacity[clusterOf[c]] = sizes[c];
        }
      }
      if (keepEmpty) {
        System.arraycopy(layout.centroids(), sourceIndex[0] * dim, createdCentroids, 0, dim);
      }
      for (int c = 0; c < createdCount; c++) {
        // Rows keep the codes of the quantizer the index was built with: its ranges hold for rows moved here.
        created[c] = new Partition(nextPartitionId++, dim, Math.max(capacity[c], 1), change.sources[0].quantizer());
        created[c].inheritReadRate(inherited, activity.queries());
      }
      int[] fill = new int[createdCount];
      for (int i = 0; i < ids.length; i++) {
        int c = clusterOf[assignment[i]];
        created[c].setRowForBuild(fill[c]++, ids[i], data, i * dim);
      }
      for (Partition partition : created) {
        partition.markInitialState();
      }
      publishRegion(layout, sourceIndex, created, createdCentroids);
      long moved = ids.length;
      long[] removedIds = new long[change.sources.length];
      for (int i = 0; i < removedIds.length; i++) {
        removedIds[i] = change.sources[i].id();
      }
      long[] createdIds = new long[created.length];
      int[] createdSizes = new int[created.length];
      int[] createdClusters = new int[created.length];
      java.util.Arrays.fill(createdClusters, -1);
      for (int c = 0; c < change.count; c++) {
        if (clusterOf[c] >= 0) {
          createdClusters[clusterOf[c]] = c;
        }
      }
      for (int i = 0; i < created.length; i++) {
        createdIds[i] = created[i].id();
        createdSizes[i] = fill[i];
      }
      return new RegionChange(removedIds, createdIds, createdSizes, moved, System.nanoTime() - start,
          createdClusters);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Replaces the partitions at {@code sourceIndex} by {@code created}: the new ones take the freed slots, extra ones
   * are appended, and when fewer come back the last partitions move into the remaining holes, so only rows of new
   * and moved partitions need their locations fixed. Caller holds the write lock.
   */
  private void publishRegion(PartitionLayout layout, int[] sourceIndex, Partition[] created,
      float[] createdCentroids) {
    int dim = layout.dim();
    int oldCount = layout.nlist();
    int newCount = oldCount - sourceIndex.length + created.length;
    List<Partition> partitions = new ArrayList<>(Math.max(oldCount, newCount));
    float[] oldCentroids = layout.centroids();
    List<float[]> centroids = new ArrayList<>();
    for (int p = 0; p < oldCount; p++) {
      partitions.add(layout.partition(p));
      centroids.add(java.util.Arrays.copyOfRange(oldCentroids, p * dim, (p + 1) * dim));
    }
    boolean[] relocated = new boolean[Math.max(oldCount, newCount)];
    int[] holes = sourceIndex.clone();
    java.util.Arrays.sort(holes);
    int next = 0;
    for (; next < Math.min(holes.length, created.length); next++) {
      partitions.set(holes[next], created[next]);
      centroids.set(holes[next], java.util.Arrays.copyOfRange(createdCentroids, next * dim, (next + 1) * dim));
      relocated[holes[next]] = true;
    }
    for (int c = next; c < created.length; c++) {
      partitions.add(created[c]);
      centroids.add(java.util.Arrays.copyOfRange(createdCentroids, c * dim, (c + 1) * dim));
      relocated[partitions.size() - 1] = true;
    }
    // Fewer partitions came back: fill the remaining holes (highest first) from the end of the list.
    for (int h = holes.length - 1; h >= next; h--) {
      int hole = holes[h];
      int last = partitions.size() - 1;
      if (hole != last) {
        partitions.set(hole, partitions.get(last));
        centroids.set(hole, centroids.get(last));
        relocated[hole] = true;
      }
      partitions.remove(last);
      centroids.remove(last);
    }
    float[] flat = new float[partitions.size() * dim];
    for (int p = 0; p < partitions.size(); p++) {
      System.arraycopy(centroids.get(p), 0, flat, p * dim, dim);
    }
    for (int p = 0; p < partitions.size(); p++) {
      if (relocated[p]) {
        // The ids alone: copying the vectors too here was the largest single allocation of LIRE's splits.
        long[] ids = partitions.get(p).copyIds();
        for (int offset = 0; offset < ids.length; offset++) {
          locations.put(ids[offset], IdLocationMap.pack(p, offset));
        }
      }
    }
    publish(new PartitionLayout(params.metric(), dim, flat, partitions.toArray(new Partition[0]),
        params.hierarchyThreshold(), params.training().seed()));
  }

  /**
   * Moves the centroids of the partitions {@code partitionIds} (all when null) to their partitions' means (the
   * Update Centroids baseline; Ada-IVF's running mean μ). No vector moves: routing changes, contents do not.
   * Requires the maintenance lock. Returns how many centroids moved.
   */
  public int moveCentroidsToMeans(long[] partitionIds) {
    requireMaintenanceLock();
    writeLock.lock();
    try {
      PartitionLayout layout = layout();
      int dim = layout.dim();
      float[] centroids = layout.centroids().clone();
      int moved = 0;
      java.util.Set<Long> wanted = null;
      if (partitionIds != null) {
        wanted = new java.util.HashSet<>();
        for (long id : partitionIds) {
          wanted.add(id);
        }
      }
      Partition[] partitions = new Partition[layout.nlist()];
      for (int p = 0; p < partitions.length; p++) {
        partitions[p] = layout.partition(p);
        if (wanted != null && !wanted.contains(partitions[p].id())) {
          continue;
        }
        float[] mean = partitions[p].mean();
        if (mean == null) {
          continue;
        }
        if (params.metric().normalizes()) {
          VectorKernels.normalizeInPlace(mean);
        }
        System.arraycopy(mean, 0, centroids, p * dim, dim);
        moved++;
      }
      if (moved > 0) {
        publish(new PartitionLayout(params.metric(), dim, centroids, partitions, params.hierarchyThreshold(),
            params.training().seed()));
      }
      return moved;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Rebuilds the whole partitioning online with {@code nlist} partitions: the vectors are copied under the write
   * lock, k-means runs and APS is recalibrated without any lock while searches and writes continue on the current
   * partitioning, then the writes made meanwhile are replayed and the new partitioning is published atomically. The
   * training uses half the cores (at least one), leaving the rest to searches.
   * Requires the maintenance lock. Partition ids continue the index's numbering.
   *
   * @throws IllegalArgumentException if {@code nlist} is below 1 or above the number of vectors
   */
  public RebuildResult rebuild(int nlist, RebuildProgress progress) {
    return rebuild(nlist, 0, progress);
  }

  /**
   * {@link #rebuild(int, RebuildProgress)} training on {@code threads} threads: 0 for half the cores (at least one),
   * the default for a rebuild that shares the machine with searches; more when the index is wanted soon, as the first
   * partitioning of a bulk-loaded column is.
   *
   * @throws IllegalArgumentException if {@code nlist} is below 1 or above the number of vectors, or {@code threads}
   *     is negative
   */
  public RebuildResult rebuild(int nlist, int threads, RebuildProgress progress) {
    requireMaintenanceLock();
    if (threads < 0) {
      throw new IllegalArgumentException("threads: must be 0 (half the cores) or more, was " + threads);
    }
    long start = System.nanoTime();
    RebuildProgress listener = both(progress, activity.rebuildObserver());
    listener.phase(RebuildProgress.Phase.SNAPSHOT);
    float[] data;
    long[] ids;
    long firstPartitionId;
    int before;
    writeLock.lock();
    try {
      if (nlist < 1 || nlist > Math.max(1, size)) {
        IllegalArgumentException refused = new IllegalArgumentException("nlist: must be between 1 and the " + size
            + " vectors held, was " + nlist);
        listener.failed(refused);
        throw refused;
      }
      before = layout().nlist();
      Snapshot snapshot = snapshotAll();
      data = snapshot.vectors();
      ids = snapshot.ids();
      firstPartitionId = nextPartitionId;
      rebuildLog = new ArrayList<>();
    } finally {
      writeLock.unlock();
    }
    IvfIndex fresh;
    int replayed;
    try {
      // Half the cores (at least one) by default: an online rebuild shares the machine with the searches it must not
      // slow.
      int training = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      IvfParams rebuilt = params.withNlist(nlist).withTraining(params.training().withClusters(nlist)
          .withThreads(training));
      fresh = ids.length == 0 ? null : IvfBuilder.build(data, ids, rebuilt, firstPartitionId, listener);
    } catch (RuntimeException | Error e) {
      writeLock.lock();
      try {
        rebuildLog = null;
      } finally {
        writeLock.unlock();
      }
      listener.failed(e);
      throw e;
    }
    listener.phase(RebuildProgress.Phase.REPLAYING);
    writeLock.lock();
    try {
      List<Change> log = rebuildLog;
      rebuildLog = null;
      if (fresh == null) {
        listener.phase(RebuildProgress.Phase.DONE);
        return new RebuildResult(before, before, 0, 0, System.nanoTime() - start);
      }
      for (Change change : log) {
        change.applyTo(fresh);
      }
      replayed = log.size();
      Partition delta = activity.delta();
      AdaptivePartitionScan scan = fresh.searcher.scan();
      params = fresh.params;
      locations = fresh.locations;
      nextPartitionId = fresh.nextPartitionId;
      buildStats = fresh.buildStats;
      size = fresh.size;
      if (delta != null) {
        activity.delta(new Partition(-1, params.dim(), Math.min(Math.max(deltaCapacity, 16), 1024)));
      }
      searcher = new Searcher(new AdaptivePartitionScan(scan.layout(), params.metric(), params.aps(),
          scan.meanSquaredNorm(), scan.modelDimensionsByK(), activity, scan.layout().nlist()));
      baseline = IndexBaseline.of(this);
    } finally {
      writeLock.unlock();
    }
    listener.phase(RebuildProgress.Phase.DONE);
    return new RebuildResult(before, nlist, ids.length, replayed, System.nanoTime() - start);
  }

  /**
   * Sets who hears every online rebuild of this index, whoever starts it (a policy's pass included), in addition to
   * the progress a caller passes; null for nobody.
   */
  public void setRebuildObserver(RebuildProgress observer) {
    activity.rebuildObserver(observer);
  }

  private static RebuildProgress both(RebuildProgress first, RebuildProgress second) {
    RebuildProgress a = first == null ? phase -> { } : first;
    RebuildProgress b = second == null ? phase -> { } : second;
    return new RebuildProgress() {
      @Override
      public void phase(Phase phase) {
        a.phase(phase);
        b.phase(phase);
      }

      @Override
      public void failed(Throwable cause) {
        a.failed(cause);
        b.failed(cause);
      }
    };
  }

  /** Vectors a recalibration samples: enough for {@link ApsCalibration}'s sample queries at every k. */
  static final int RECALIBRATION_SAMPLE = 2_000;

  /** Partitions the current APS calibration was made at (the build's, or the last {@link #recalibrate}'s). */
  public int calibratedNlist() {
    return searcher.scan().calibratedNlist();
  }

  /**
   * Recalibrates APS's recall model (the model dimension and candidate count per target, ALGORITHMS.md §2) on the
   * current partitioning, from a seeded sample of the vectors held; its scans leave access counts and temperatures
   * untouched. Splits and merges scale the calibrated candidate counts with the partition count, but once the
   * partitioning has changed several-fold the model drifts from the data (bench/RESULTS.md, WordNet-MiniLM).
   * Requires the maintenance lock. Returns false, changing nothing, when the model dimension is fixed by
   * {@link dev.quiver.index.aps.ApsConfig#modelDimension()}.
   */
  public boolean recalibrate(long seed) {
    requireMaintenanceLock();
    if (params.aps().modelDimension() > 0) {
      return false;
    }
    int dim = params.dim();
    AdaptivePartitionScan current = searcher.scan();
    PartitionLayout layout = current.layout();
    List<Long> ids = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    writeLock.lock();
    try {
      double fraction = Math.min(1.0, RECALIBRATION_SAMPLE / (double) Math.max(1, size));
      java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
      for (int p = 0; p < layout.nlist(); p++) {
        Partition partition = layout.partition(p);
        int n = partition.size();
        for (int offset = 0; offset < n; offset++) {
          if (random.nextDouble() < fraction) {
            float[] row = new float[dim];
            partition.copyRow(offset, row);
            rows.add(row);
            ids.add(partition.idAt(offset));
          }
        }
      }
    } finally {
      writeLock.unlock();
    }
    float[] data = new float[rows.size() * dim];
    long[] sampleIds = new long[rows.size()];
    for (int i = 0; i < sampleIds.length; i++) {
      System.arraycopy(rows.get(i), 0, data, i * dim, dim);
      sampleIds[i] = ids.get(i);
    }
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    ModelDimensions[] calibrated;
    try {
      calibrated = ApsCalibration.calibrate(current.quietAmbient(IvfBuilder.fixedForEveryK(dim)), data, sampleIds,
          dim, seed, ApsCalibration.RECALIBRATION_QUERIES, pool);
    } finally {
      pool.shutdown();
    }
    writeLock.lock();
    try {
      searcher = new Searcher(searcher.scan().withCalibration(calibrated, layout.nlist()));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /** Every vector held (partitions and delta store), under the write lock. */
  private Snapshot snapshotAll() {
    PartitionLayout layout = layout();
    List<Partition> all = new ArrayList<>();
    for (int p = 0; p < layout.nlist(); p++) {
      all.add(layout.partition(p));
    }
    if (activity.delta() != null) {
      all.add(activity.delta());
    }
    return gather(all, new long[all.size()], layout.dim());
  }

  /**
   * The rows of several partitions one after another, parallel ids and row-major vectors, each partition's a
   * consistent copy; {@code modCounts[i]} receives the change count partition i's copy reflects.
   */
  private static Snapshot gather(List<Partition> partitions, long[] modCounts, int dim) {
    int expected = 0;
    for (Partition partition : partitions) {
      expected += partition.size();
    }
    Partition.RowBlock block = new Partition.RowBlock(dim, expected);
    int[] ends = new int[partitions.size()];
    for (int i = 0; i < partitions.size(); i++) {
      modCounts[i] = partitions.get(i).appendTo(block);
      ends[i] = block.size();
    }
    return new Snapshot(block.ids(), block.vectors(), ends);
  }

  /** Rows gathered from partitions in turn: those of partition i end at row {@code ends[i]} (exclusive). */
  private record Snapshot(long[] ids, float[] vectors, int[] ends) {}

  /** A write made while an online rebuild trains, replayed onto its result before it is published. */
  private record Change(Kind kind, long id, float[] vector) {
    enum Kind { INSERT, UPDATE, DELETE }

    void applyTo(IvfIndex target) {
      switch (kind) {
        case INSERT -> target.insert(id, vector);
        case UPDATE -> target.update(id, vector);
        case DELETE -> target.delete(id);
      }
    }
  }

  private void log(Change change) {
    if (rebuildLog != null) {
      rebuildLog.add(change);
    }
  }

  private void publish(PartitionLayout layout) {
    searcher = new Searcher(searcher.scan().withLayout(layout));
  }

  private void requireMaintenanceLock() {
    if (!maintenanceLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("maintenance actions require the index's maintenance lock");
    }
  }

  /**
   * New partitions start at their sources' size-weighted read rate: the queries that read the region still do, and
   * a query that read one source reads about one of the pieces.
   */
  private double inheritedReadRate(Partition[] sources) {
    double weighted = 0;
    long rows = 0;
    double max = 0;
    long now = activity.queries();
    for (Partition source : sources) {
      double rate = source.readRateAt(now, activity.temperature());
      int n = source.size();
      weighted += rate * n;
      rows += n;
      max = Math.max(max, rate);
    }
    return rows == 0 ? max : weighted / rows;
  }

  private static Partition[] resolve(PartitionLayout layout, long[] partitionIds) {
    java.util.Map<Long, Partition> byId = new java.util.HashMap<>();
    for (int p = 0; p < layout.nlist(); p++) {
      byId.put(layout.partition(p).id(), layout.partition(p));
    }
    Partition[] sources = new Partition[partitionIds.length];
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < partitionIds.length; i++) {
      sources[i] = byId.get(partitionIds[i]);
      if (sources[i] == null) {
        throw new IllegalArgumentException("partitionIds: no partition has id " + partitionIds[i]);
      }
      if (!seen.add(partitionIds[i])) {
        throw new IllegalArgumentException("partitionIds: partition " + partitionIds[i] + " is named twice");
      }
    }
    return sources;
  }

  private static int indexOf(PartitionLayout layout, Partition partition) {
    for (int p = 0; p < layout.nlist(); p++) {
      if (layout.partition(p) == partition) {
        return p;
      }
    }
    return -1;
  }

  /** The partitioning searches use now (package-private for tests). */
  PartitionLayout layout() {
    return searcher.layout();
  }

  private Partition partitionAt(int p) {
    return p == DELTA ? activity.delta() : layout().partition(p);
  }

  private long requireLocation(long id) {
    long location = locations.get(id);
    if (location == IdLocationMap.ABSENT) {
      throw new IllegalArgumentException("id: no vector with id " + id + " is in the index");
    }
    return location;
  }

  /** Removes the row at {@code location} and fixes up the location of the row moved into its place. */
  private void removeRow(long id, long location) {
    int p = IdLocationMap.partitionOf(location);
    int offset = IdLocationMap.offsetOf(location);
    long moved = partitionAt(p).removeAt(offset);
    if (moved != IdLocationMap.EMPTY) {
      locations.put(moved, IdLocationMap.pack(p, offset));
    }
    locations.remove(id);
  }

  private float[] prepareQuery(float[] query) {
    return prepareVector("query", query);
  }

  /** Validates and copies a vector, normalising it under cosine; the caller's array is never changed. */
  private float[] prepareVector(String parameter, float[] vector) {
    VectorChecks.requireDimension(parameter, vector, params.dim());
    float[] copy = vector.clone();
    if (params.metric().normalizes()) {
      VectorKernels.normalizeInPlace(copy);
    }
    return copy;
  }

  private SearchResult toResult(ScanOutcome outcome) {
    TopKCollector.Ranked ranked = outcome.ranked();
    float[] distances = new float[ranked.scores().length];
    for (int i = 0; i < distances.length; i++) {
      distances[i] = params.metric().toDistance(ranked.scores()[i]);
    }
    return new SearchResult(ranked.ids(), distances, outcome.partitionsScanned(), outcome.vectorsScanned(),
        outcome.estimatedRecall());
  }
}
