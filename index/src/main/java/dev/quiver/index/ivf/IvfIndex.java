package dev.quiver.index.ivf;

import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import dev.quiver.index.search.TopKCollector;
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
 * <h2>Metrics</h2>
 * L2 compares squared distances and reports Euclidean ones; inner product reports the negative inner product;
 * cosine stores unit vectors (normalised on build, insert and update alike) and reports {@code 1 − cos}.
 *
 * <p>Bad input (wrong dimension, NaN or infinite components, k ≤ 0, an unknown id) throws
 * {@link IllegalArgumentException} naming the parameter and value, and leaves the index unchanged.
 */
public final class IvfIndex {

  private final IvfParams params;
  private final PartitionLayout layout;
  private final IdLocationMap locations;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BuildStats buildStats;
  private final AdaptivePartitionScan scan;
  private final BatchedPartitionScan batch;
  private volatile int size;

  IvfIndex(IvfParams params, PartitionLayout layout, IdLocationMap locations, BuildStats buildStats,
      float meanSquaredNorm, ModelDimensions[] modelDimensions) {
    this.params = params;
    this.layout = layout;
    this.locations = locations;
    this.buildStats = buildStats;
    this.size = locations.size();
    this.scan = new AdaptivePartitionScan(layout, params.metric(), params.aps(), meanSquaredNorm, modelDimensions);
    this.batch = new BatchedPartitionScan(scan);
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

  /** Parameters this index was built with. */
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
    return IvfBuilder.restore(vectors, ids, assignment, params, centroids, modelDimensions);
  }

  /** A copy of the centroids, row-major, {@code nlist × dim}. */
  public float[] centroids() {
    return layout.centroids().clone();
  }

  /** APS's model dimensions, one set per calibrated k (the checkpoint of the calibration). */
  public ModelDimensions[] modelDimensionsByK() {
    return scan.modelDimensionsByK();
  }

  /** The partition holding {@code id}, or −1 if it is not in the index. */
  public int partitionOf(long id) {
    writeLock.lock();
    try {
      long location = locations.get(id);
      return location == IdLocationMap.ABSENT ? -1 : IdLocationMap.partitionOf(location);
    } finally {
      writeLock.unlock();
    }
  }

  /** Timings of the build that created this index. */
  public BuildStats buildStats() {
    return buildStats;
  }

  /** Number of vectors held. */
  public int size() {
    return size;
  }

  /** Number of partitions. */
  public int nlist() {
    return layout.nlist();
  }

  /**
   * The dimensions APS's recall model uses per recall target for searches of {@code k} results: calibrated on the
   * data when the index was built (usually far below the vectors' own dimension; for k = 10 and k = 100, a query
   * using the nearest calibrated k at or above its own), or as fixed by
   * {@link dev.quiver.index.aps.ApsConfig#modelDimension()}.
   */
  public ModelDimensions apsModelDimensions(int k) {
    return scan.modelDimensions(k);
  }

  /** Levels of centroid search: 1 for a flat scan of the centroids, 2 with a parent IVF over them. */
  public int centroidIndexLevels() {
    return layout.centroidIndex().levels();
  }

  /** Current number of vectors in each partition, by partition index. */
  public int[] partitionSizes() {
    int[] sizes = new int[layout.nlist()];
    for (int p = 0; p < sizes.length; p++) {
      sizes[p] = layout.partition(p).size();
    }
    return sizes;
  }

  /** Number of times each partition was scanned since the index was built, by partition index. */
  public long[] partitionAccessCounts() {
    long[] counts = new long[layout.nlist()];
    for (int p = 0; p < counts.length; p++) {
      counts[p] = layout.partition(p).accessCount();
    }
    return counts;
  }

  /** Heap bytes held by the partitions, the id map and the centroids (what the memory figure measures). */
  public long memoryBytes() {
    long bytes = (long) layout.centroids().length * Float.BYTES;
    for (int p = 0; p < layout.nlist(); p++) {
      bytes += layout.partition(p).memoryBytes();
    }
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
    ScanOutcome outcome = scan.run(scan.plan(prepared, params, filter));
    if (outcome.ranked().ids().length < params.k() && outcome.partitionsScanned() < layout.nlist()) {
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
    AdaptivePartitionScan.Plan[] plans = new AdaptivePartitionScan.Plan[queries.length];
    for (int i = 0; i < queries.length; i++) {
      plans[i] = scan.plan(prepareVector("queries[" + i + "]", queries[i]), params);
    }
    ScanOutcome[] outcomes = batch.run(plans, params.threads());
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
    return scan.run(scan.plan(query, params));
  }

  /**
   * Adds a vector to the partition of its nearest centroid.
   *
   * @throws IllegalArgumentException if the id is already present, or the vector is invalid
   */
  public void insert(long id, float[] vector) {
    VectorChecks.requireUsableId(id);
    float[] v = prepareVector("vector", vector);
    int p = layout.assign(v);
    writeLock.lock();
    try {
      if (locations.get(id) != IdLocationMap.ABSENT) {
        throw new IllegalArgumentException("id: " + id + " is already in the index; use update to replace it");
      }
      int offset = layout.partition(p).append(id, v);
      locations.put(id, IdLocationMap.pack(p, offset));
      size++;
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
    int target = layout.assign(v);
    writeLock.lock();
    try {
      long location = requireLocation(id);
      int current = IdLocationMap.partitionOf(location);
      if (current == target) {
        layout.partition(current).overwrite(IdLocationMap.offsetOf(location), v);
        return;
      }
      int offset = layout.partition(target).append(id, v);
      removeRow(id, location);
      locations.put(id, IdLocationMap.pack(target, offset));
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
      layout.partition(IdLocationMap.partitionOf(location)).copyRow(IdLocationMap.offsetOf(location), out);
      return out;
    } finally {
      writeLock.unlock();
    }
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
    long moved = layout.partition(p).removeAt(offset);
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
