package dev.quiver.index.ivf;

import dev.quiver.index.kernel.VectorKernels;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

/**
 * One inverted list: a contiguous row-major block of vectors with a parallel block of ids, and the statistics
 * maintenance reads: a stable id, the running sum of its vectors (so its mean, Ada-IVF Alg. 2, and its squared error
 * around any centroid are O(d) to read), the mean it started with, and its read temperature (Alg. 3).
 *
 * <p>Threading contract: any number of scans hold the read lock at once; an append, removal or overwrite holds the
 * write lock, so a scan sees the partition either before or after a change, never a half-written row. Arrays are
 * replaced (never resized in place) when they grow, under the write lock.
 *
 * <p>Capacity grows by 25% (at least 16 rows) when full, keeping the slack within the index's memory budget of 1.15×
 * the raw bytes of vectors and ids.
 *
 * <p>Each row's squared norm ‖x‖² is kept beside it, computed once when the row is written. Why: a batch scores a
 * partition against several queries at once from inner products, ‖q‖² + ‖x‖² − 2⟨q, x⟩, and recomputing ‖x‖² for every
 * row at every such scan was an eighth of a batched search's time at 1M × 128 (bench/RESULTS.md, issue 3); it costs 4
 * bytes a row (under 1% at d 128).
 *
 * <p>With a {@link RowQuantizer} (an index built with {@link IvfParams#quantizedScan()}), each row also keeps its
 * 8-bit codes and its quantization error, written with the row and moved with it, for the first pass of a scan: d + 4
 * bytes more a row.
 */
final class Partition {

  private final int dim;
  /** Stable partition id, never reused (ALGORITHMS.md §1): what logs and system tables name. */
  private final long id;
  private final StampedLock lock = new StampedLock();
  /** Σx over the rows, in double so that millions of adds and removes do not drift; guarded by the lock. */
  private final double[] sum;
  /** Σ‖x‖² over the rows; guarded by the lock. */
  private double sumSquaredNorms;
  /** The partition's mean when it was created (μ0 of Ada-IVF's drift f_d); null until first read. */
  private float[] initialMean;
  /**
   * Read rate: the exponential moving average, over queries, of the proximity d_μ with which each query scanned this
   * partition (0 for a query that did not), as of query number {@link #readRateQuery}; guarded by {@code this}. The
   * temperature is this rate over the mean of all partitions' ({@link IvfIndex#partitionStats}).
   */
  private double readRate;
  private long readRateQuery = -1;
  /** Changes (appends, removals, overwrites) since creation; guarded by the lock. */
  private long modCount;
  /** Scans of this partition since creation: what maintenance reads to find hot partitions. */
  private final LongAdder accessCount = new LongAdder();
  private float[] vectors;
  private long[] ids;
  /** ‖x‖² of each row, by {@link VectorKernels#dot}, parallel to {@link #ids}. */
  private float[] squaredNorms;
  /** The quantizer of {@link #codes}, or null when the partition keeps float rows only. */
  private final RowQuantizer quantizer;
  /** 8-bit codes of each row, row-major like {@link #vectors}; null without a quantizer. */
  private byte[] codes;
  /** ‖x − x̂‖ of each row, rounded up ({@link RowQuantizer#encode}); null without a quantizer. */
  private float[] codeErrors;
  /**
   * At least every row's error in {@link #codeErrors}: the largest ever written (a removal does not lower it), so a
   * scan can bound a whole block of rows at once.
   */
  private float maxCodeError;
  private int size;

  Partition(long id, int dim, int capacity) {
    this(id, dim, capacity, null);
  }

  /** An empty partition; with a {@code quantizer} (may be null) it keeps each row's codes too. */
  Partition(long id, int dim, int capacity, RowQuantizer quantizer) {
    if (quantizer != null && quantizer.dim() != dim) {
      throw new IllegalArgumentException("quantizer: dimension " + quantizer.dim() + " differs from " + dim);
    }
    this.id = id;
    this.dim = dim;
    this.vectors = new float[capacity * dim];
    this.ids = new long[capacity];
    this.squaredNorms = new float[capacity];
    this.sum = new double[dim];
    this.quantizer = quantizer;
    this.codes = quantizer == null ? null : new byte[capacity * dim];
    this.codeErrors = quantizer == null ? null : new float[capacity];
  }

  /** The quantizer of this partition's codes, or null when it keeps float rows only. */
  RowQuantizer quantizer() {
    return quantizer;
  }

  /** Codes block ({@link #quantizer()} non-null); read only under the read lock, with {@link #sizeUnlocked()}. */
  byte[] codesUnlocked() {
    return codes;
  }

  /** An upper bound on every row's quantization error; read under the read lock. */
  float maxCodeErrorUnlocked() {
    return maxCodeError;
  }

  /** Quantization error of each row; read only under the read lock, with {@link #sizeUnlocked()}. */
  float[] codeErrorsUnlocked() {
    return codeErrors;
  }

  long id() {
    return id;
  }

  int dim() {
    return dim;
  }

  StampedLock lock() {
    return lock;
  }

  /** Vectors block; read only under the read lock, with {@link #sizeUnlocked()}. */
  float[] vectorsUnlocked() {
    return vectors;
  }

  long[] idsUnlocked() {
    return ids;
  }

  /** ‖x‖² of each row; read only under the read lock, with {@link #sizeUnlocked()}. */
  float[] squaredNormsUnlocked() {
    return squaredNorms;
  }

  int sizeUnlocked() {
    return size;
  }

  void recordAccess() {
    accessCount.increment();
  }

  long accessCount() {
    return accessCount.sum();
  }

  /**
   * Forgets scans made before the index was published (calibration's), which say nothing of user traffic: the access
   * count and the read rate they raised.
   */
  void resetAccessCount() {
    accessCount.reset();
    synchronized (this) {
      readRate = 0;
      readRateQuery = -1;
    }
  }

  int size() {
    long stamp = lock.readLock();
    try {
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Fills row {@code offset} during a build, before the partition is published; no lock needed then. */
  void setRowForBuild(int offset, long id, float[] source, int sourceOffset) {
    System.arraycopy(source, sourceOffset, vectors, offset * dim, dim);
    ids[offset] = id;
    squaredNorms[offset] = rowSquaredNorm(offset);
    encodeRow(offset);
    size = Math.max(size, offset + 1);
    accumulate(source, sourceOffset, 1);
  }

  /** Records the current mean as the partition's initial state μ0 (after a build filled it). */
  void markInitialState() {
    initialMean = meanUnlocked();
  }

  /** Appends a row; returns its offset. */
  int append(long id, float[] vector) {
    long stamp = lock.writeLock();
    try {
      if (size == ids.length) {
        grow();
      }
      System.arraycopy(vector, 0, vectors, size * dim, dim);
      ids[size] = id;
      squaredNorms[size] = rowSquaredNorm(size);
      encodeRow(size);
      accumulate(vector, 0, 1);
      modCount++;
      return size++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** Overwrites the vector of row {@code offset} in place. */
  void overwrite(int offset, float[] vector) {
    long stamp = lock.writeLock();
    try {
      accumulate(vectors, offset * dim, -1);
      System.arraycopy(vector, 0, vectors, offset * dim, dim);
      squaredNorms[offset] = rowSquaredNorm(offset);
      encodeRow(offset);
      accumulate(vector, 0, 1);
      modCount++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Removes row {@code offset} by moving the last row into the hole. Returns the id of the row that moved, or
   * {@link IdLocationMap#EMPTY} when the removed row was the last one.
   */
  long removeAt(int offset) {
    long stamp = lock.writeLock();
    try {
      int last = size - 1;
      accumulate(vectors, offset * dim, -1);
      modCount++;
      long moved = IdLocationMap.EMPTY;
      if (offset != last) {
        System.arraycopy(vectors, last * dim, vectors, offset * dim, dim);
        ids[offset] = ids[last];
        squaredNorms[offset] = squaredNorms[last];
        if (codes != null) {
          System.arraycopy(codes, last * dim, codes, offset * dim, dim);
          codeErrors[offset] = codeErrors[last];
        }
        moved = ids[offset];
      }
      size = last;
      if (size == 0) {
        java.util.Arrays.fill(sum, 0); // no rounding residue survives an emptied partition
        sumSquaredNorms = 0;
      }
      return moved;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** The id of row {@code offset}. */
  long idAt(int offset) {
    long stamp = lock.readLock();
    try {
      return ids[offset];
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Copies row {@code offset} into {@code out}. */
  void copyRow(int offset, float[] out) {
    long stamp = lock.readLock();
    try {
      System.arraycopy(vectors, offset * dim, out, 0, dim);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Changes made since creation: equal before and after a span means nothing changed in it. */
  long modCount() {
    long stamp = lock.readLock();
    try {
      return modCount;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Appends a consistent copy of the rows to {@code target} and returns the change count the copy reflects. Why
   * straight into the caller's block: a region's reclustering gathers up to the whole index, and a copy per
   * partition concatenated afterwards copied every row twice (a sixth of a workload's allocations on WordNet-MiniLM,
   * where the garbage's collections also landed on the timed operations that followed; bench/RESULTS.md, issue 5).
   */
  long appendTo(RowBlock target) {
    long stamp = lock.readLock();
    try {
      target.append(ids, vectors, size);
      return modCount;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** A consistent copy of the ids alone, in row order: what relocating rows in the id map needs. */
  long[] copyIds() {
    long stamp = lock.readLock();
    try {
      return java.util.Arrays.copyOf(ids, size);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Rows gathered from several partitions one after another: parallel ids and row-major vectors, grown as needed. */
  static final class RowBlock {
    private final int dim;
    private long[] ids;
    private float[] vectors;
    private int size;

    /** An empty block sized for {@code expected} rows (it grows if the partitions grew since they were counted). */
    RowBlock(int dim, int expected) {
      this.dim = dim;
      this.ids = new long[Math.max(expected, 0)];
      this.vectors = new float[Math.max(expected, 0) * dim];
    }

    void append(long[] sourceIds, float[] sourceVectors, int rows) {
      if (size + rows > ids.length) {
        int capacity = Math.max(size + rows, ids.length + (ids.length >> 1));
        ids = java.util.Arrays.copyOf(ids, capacity);
        vectors = java.util.Arrays.copyOf(vectors, capacity * dim);
      }
      System.arraycopy(sourceIds, 0, ids, size, rows);
      System.arraycopy(sourceVectors, 0, vectors, size * dim, rows * dim);
      size += rows;
    }

    /** Rows gathered so far. */
    int size() {
      return size;
    }

    /** The ids gathered, trimmed to their count. */
    long[] ids() {
      return ids.length == size ? ids : java.util.Arrays.copyOf(ids, size);
    }

    /** The vectors gathered, row-major, trimmed to their count. */
    float[] vectors() {
      return vectors.length == size * dim ? vectors : java.util.Arrays.copyOf(vectors, size * dim);
    }
  }

  /** The mean of the rows (Ada-IVF's running mean μ), or null when empty. */
  float[] mean() {
    long stamp = lock.readLock();
    try {
      return meanUnlocked();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** μ0: the mean the partition was created with (its first rows' mean when it was created empty). */
  float[] initialMean() {
    float[] initial = initialMean;
    if (initial == null) {
      initial = mean();
      initialMean = initial;
    }
    return initial;
  }

  /**
   * Σ‖x − c‖² over the rows for centroid {@code c}, from the running sums in O(d):
   * {@code Σ‖x‖² − 2⟨c, Σx⟩ + s·‖c‖²} (the partition's share of the reconstruction error ε).
   */
  double squaredError(float[] centroids, int centroidOffset) {
    long stamp = lock.readLock();
    try {
      double dot = 0;
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        double c = centroids[centroidOffset + j];
        dot += c * sum[j];
        norm += c * c;
      }
      return Math.max(0, sumSquaredNorms - 2 * dot + size * norm);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Records that query number {@code query} scanned the partition with proximity {@code proximity} ∈ (0, 1] (Ada-IVF
   * Alg. 3's d_μ): {@code r ← (1 − λ)·r + λ·d_μ}, after the decay {@code r ← (1 − λ)·r} of every query since the last
   * one that scanned it, applied lazily so that a query costs O(partitions it scanned), not O(nlist). A query that
   * finishes after a later-numbered one has already been recorded adds its share without moving the clock back.
   */
  synchronized void heat(long query, double proximity, TemperatureParams params) {
    double decay = params.decay();
    if (query > readRateQuery) {
      readRate = readRateAt(query - 1, params) * (1 - decay);
      readRateQuery = query;
    }
    readRate += decay * proximity;
  }

  /** The read rate as of query number {@code query}, decayed by the queries since the last that scanned it. */
  synchronized double readRateAt(long query, TemperatureParams params) {
    if (readRateQuery < 0 || query <= readRateQuery) {
      return readRate;
    }
    return readRate * Math.pow(1 - params.decay(), query - readRateQuery);
  }

  /** Starts from the read rate of the partitions this one replaces, as of query {@code query}. */
  synchronized void inheritReadRate(double value, long query) {
    readRate = value;
    readRateQuery = query;
  }

  private float[] meanUnlocked() {
    if (size == 0) {
      return null;
    }
    float[] mean = new float[dim];
    for (int j = 0; j < dim; j++) {
      mean[j] = (float) (sum[j] / size);
    }
    return mean;
  }

  /** Adds ({@code sign} 1) or removes (−1) one row's contribution to the running sums. */
  private void accumulate(float[] source, int offset, int sign) {
    double squared = 0;
    for (int j = 0; j < dim; j++) {
      double x = source[offset + j];
      sum[j] += sign * x;
      squared += x * x;
    }
    sumSquaredNorms += sign * squared;
  }

  /** Bytes held by the blocks of vectors, ids and norms (capacity, not size). */
  long memoryBytes() {
    long stamp = lock.readLock();
    try {
      return (long) vectors.length * Float.BYTES + (long) ids.length * Long.BYTES
          + (long) squaredNorms.length * Float.BYTES
          + (codes == null ? 0 : codes.length + (long) codeErrors.length * Float.BYTES);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void grow() {
    int capacity = Math.max(ids.length + 16, ids.length + ids.length / 4);
    float[] newVectors = new float[capacity * dim];
    System.arraycopy(vectors, 0, newVectors, 0, size * dim);
    long[] newIds = new long[capacity];
    System.arraycopy(ids, 0, newIds, 0, size);
    vectors = newVectors;
    ids = newIds;
    squaredNorms = java.util.Arrays.copyOf(squaredNorms, capacity);
    if (codes != null) {
      codes = java.util.Arrays.copyOf(codes, capacity * dim);
      codeErrors = java.util.Arrays.copyOf(codeErrors, capacity);
    }
  }

  /** Writes row {@code offset}'s codes and error from its float components, when the partition keeps codes. */
  private void encodeRow(int offset) {
    if (quantizer != null) {
      codeErrors[offset] = quantizer.encode(vectors, offset * dim, codes, offset * dim);
      maxCodeError = Math.max(maxCodeError, codeErrors[offset]);
    }
  }

  private float rowSquaredNorm(int offset) {
    return VectorKernels.dot(vectors, offset * dim, vectors, offset * dim, dim);
  }
}
