package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.cluster.CentroidAssigner;
import dev.quiver.index.cluster.Clustering;
import dev.quiver.index.cluster.KMeans;
import dev.quiver.index.kernel.VectorKernels;
import java.util.concurrent.ForkJoinPool;

/**
 * Builds an {@link IvfIndex}: validates and normalises the input, trains the centroids, assigns every vector to its
 * partition, and calibrates APS's recall model on a sample, timing each step for {@link BuildStats}.
 */
final class IvfBuilder {

  private IvfBuilder() {}

  static IvfIndex build(float[] vectors, long[] ids, IvfParams params) {
    return build(vectors, ids, params, 0L, null);
  }

  /**
   * Builds with partition ids starting at {@code firstPartitionId} (a rebuild continues its index's numbering, so
   * ids are never reused), reporting each phase to {@code progress} (may be null).
   */
  static IvfIndex build(float[] vectors, long[] ids, IvfParams params, long firstPartitionId,
      RebuildProgress progress) {
    int dim = params.dim();
    int n = ids.length;
    float[] data = validatedData(vectors, ids, params);
    long start = System.nanoTime();
    report(progress, RebuildProgress.Phase.TRAINING);
    Clustering clustering = KMeans.train(data, n, dim, params.training());
    long trained = System.nanoTime();
    report(progress, RebuildProgress.Phase.ASSIGNING);
    ForkJoinPool pool = new ForkJoinPool(params.training().effectiveThreads());
    try {
      int[] assignment = new int[n];
      new CentroidAssigner(clustering.centroids(), params.nlist(), dim, params.metric() == Metric.INNER_PRODUCT)
          .assign(data, n, assignment, null, pool);
      Partition[] partitions = new Partition[params.nlist()];
      IdLocationMap locations = fillPartitions(data, ids, dim, assignment, partitions,
          sequence(firstPartitionId, params.nlist()), quantizer(params, data, n));
      PartitionLayout layout = new PartitionLayout(params.metric(), dim, clustering.centroids(), partitions,
          params.hierarchyThreshold(), params.training().seed());
      float meanSquaredNorm = meanSquaredNorm(data, n, dim);
      long added = System.nanoTime();
      report(progress, RebuildProgress.Phase.CALIBRATING);
      ModelDimensions[] modelDimensions = modelDimensions(params, layout, meanSquaredNorm, data, ids, pool);
      long calibrated = System.nanoTime();
      return new IvfIndex(params, layout, locations, new BuildStats(trained - start, added - trained,
          calibrated - added, params.training().effectiveThreads()), meanSquaredNorm, modelDimensions,
          firstPartitionId + params.nlist(), params.nlist());
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Rebuilds an index from a checkpoint's trained state without training or calibrating: each vector goes to the
   * partition {@code assignment} names, or, where that is −1 (a row added after the checkpoint), to its nearest
   * centroid.
   */
  static IvfIndex restore(float[] vectors, long[] ids, int[] assignment, IvfParams params, float[] centroids,
      ModelDimensions[] modelDimensions, long[] partitionIds) {
    int dim = params.dim();
    int n = ids.length;
    long[] numbering = partitionIds == null ? sequence(0, params.nlist()) : partitionIds.clone();
    if (numbering.length != params.nlist()) {
      throw new IllegalArgumentException("partitionIds: expected " + params.nlist() + " ids, got " + numbering.length);
    }
    long nextPartitionId = 0;
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long id : numbering) {
      if (id < 0 || !seen.add(id)) {
        throw new IllegalArgumentException("partitionIds: " + id + " is negative or repeated");
      }
      nextPartitionId = Math.max(nextPartitionId, id + 1);
    }
    if (centroids.length != params.nlist() * dim) {
      throw new IllegalArgumentException("centroids: expected " + params.nlist() + " × " + dim + " floats, got "
          + centroids.length);
    }
    if (assignment.length != n || modelDimensions.length != ApsCalibration.KS.length) {
      throw new IllegalArgumentException("assignment, modelDimensions: expected " + n + " and "
          + ApsCalibration.KS.length + " entries, got " + assignment.length + " and " + modelDimensions.length);
    }
    float[] data = validatedData(vectors, ids, params);
    long start = System.nanoTime();
    int[] partitionOf = assignment.clone();
    CentroidAssigner assigner = null;
    for (int i = 0; i < n; i++) {
      if (partitionOf[i] < 0 || partitionOf[i] >= params.nlist()) {
        if (assigner == null) {
          assigner = new CentroidAssigner(centroids, params.nlist(), dim, params.metric() == Metric.INNER_PRODUCT);
        }
        partitionOf[i] = assigner.nearest(java.util.Arrays.copyOfRange(data, i * dim, (i + 1) * dim));
      }
    }
    Partition[] partitions = new Partition[params.nlist()];
    IdLocationMap locations = fillPartitions(data, ids, dim, partitionOf, partitions, numbering,
        quantizer(params, data, n));
    PartitionLayout layout = new PartitionLayout(params.metric(), dim, centroids.clone(), partitions,
        params.hierarchyThreshold(), params.training().seed());
    return new IvfIndex(params, layout, locations, new BuildStats(0, System.nanoTime() - start, 0,
        params.training().effectiveThreads()), meanSquaredNorm(data, n, dim), modelDimensions.clone(),
        nextPartitionId, params.nlist());
  }

  /** Checks sizes, ids and components; returns the vectors to index (a normalised copy under cosine). */
  private static float[] validatedData(float[] vectors, long[] ids, IvfParams params) {
    int dim = params.dim();
    int n = ids.length;
    if ((long) n * dim != vectors.length) {
      throw new IllegalArgumentException("vectors: expected " + n + " × " + dim + " = " + (long) n * dim
          + " floats for " + n + " ids, got " + vectors.length);
    }
    for (int i = 0; i < n; i++) {
      VectorChecks.requireUsableId(ids[i]);
    }
    for (int i = 0; i < vectors.length; i++) {
      if (!Float.isFinite(vectors[i])) {
        int row = i / dim;
        VectorChecks.requireFinite("vectors row " + row, vectors, row * dim, dim);
      }
    }
    if (!params.metric().normalizes()) {
      return vectors;
    }
    float[] data = vectors.clone();
    for (int i = 0; i < n; i++) {
      VectorKernels.normalizeInPlace(data, i * dim, dim);
    }
    return data;
  }

  /** The quantizer of an index that keeps codes, trained on the rows it is built from; null for float rows only. */
  private static RowQuantizer quantizer(IvfParams params, float[] data, int n) {
    return params.quantizedScan() ? RowQuantizer.train(data, n, params.dim()) : null;
  }

  /** {@code first, first + 1, …}, n of them: the ids of a fresh partitioning. */
  private static long[] sequence(long first, int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = first + i;
    }
    return values;
  }

  /**
   * Allocates each partition at its exact size, with the stable id {@code partitionIds[p]}, and copies the vectors
   * in; returns the id → location map.
   */
  private static IdLocationMap fillPartitions(float[] data, long[] ids, int dim, int[] assignment,
      Partition[] partitions, long[] partitionIds, RowQuantizer quantizer) {
    int[] sizes = new int[partitions.length];
    for (int p : assignment) {
      sizes[p]++;
    }
    for (int p = 0; p < partitions.length; p++) {
      partitions[p] = new Partition(partitionIds[p], dim, sizes[p], quantizer);
    }
    IdLocationMap locations = new IdLocationMap(ids.length);
    int[] fill = new int[partitions.length];
    for (int i = 0; i < ids.length; i++) {
      int p = assignment[i];
      int offset = fill[p]++;
      if (locations.get(ids[i]) != IdLocationMap.ABSENT) {
        throw new IllegalArgumentException("ids: id " + ids[i] + " appears more than once; ids must be unique");
      }
      locations.put(ids[i], IdLocationMap.pack(p, offset));
      partitions[p].setRowForBuild(offset, ids[i], data, i * dim);
    }
    for (Partition partition : partitions) {
      partition.markInitialState();
    }
    return locations;
  }

  /** The fixed model dimension, or one calibrated on a sample (whose scans are then forgotten by the counters). */
  private static ModelDimensions[] modelDimensions(IvfParams params, PartitionLayout layout, float meanSquaredNorm,
      float[] data, long[] ids, ForkJoinPool pool) {
    if (params.aps().modelDimension() > 0) {
      return fixedForEveryK(params.aps().modelDimension());
    }
    AdaptivePartitionScan ambient = new AdaptivePartitionScan(layout, params.metric(), params.aps(),
        meanSquaredNorm, fixedForEveryK(params.dim()), new IndexActivity(), layout.nlist());
    ModelDimensions[] calibrated = ApsCalibration.calibrate(ambient, data, ids, params.dim(),
        params.training().seed(), pool);
    for (int p = 0; p < layout.nlist(); p++) {
      layout.partition(p).resetAccessCount();
    }
    return calibrated;
  }

  private static void report(RebuildProgress progress, RebuildProgress.Phase phase) {
    if (progress != null) {
      progress.phase(phase);
    }
  }

  static ModelDimensions[] fixedForEveryK(int dimension) {
    ModelDimensions[] byK = new ModelDimensions[ApsCalibration.KS.length];
    java.util.Arrays.fill(byK, ModelDimensions.fixed(dimension));
    return byK;
  }

  /** Mean ‖x‖² of the vectors: the inner-product metric's stand-in for the k-th result's norm in APS. */
  private static float meanSquaredNorm(float[] data, int n, int dim) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += VectorKernels.dot(data, i * dim, data, i * dim, dim);
    }
    return n == 0 ? 0f : (float) (sum / n);
  }
}
