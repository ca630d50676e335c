package dev.quiver.index.ivf;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;

/**
 * One inverted list: a contiguous row-major block of vectors with a parallel block of ids.
 *
 * <p>Threading contract: any number of scans hold the read lock at once; an append, removal or overwrite holds the
 * write lock, so a scan sees the partition either before or after a change, never a half-written row. Arrays are
 * replaced (never resized in place) when they grow, under the write lock.
 *
 * <p>Capacity grows by 25% (at least 16 rows) when full, keeping the slack within the index's memory budget of 1.15×
 * the raw bytes of vectors and ids.
 */
final class Partition {

  private final int dim;
  private final StampedLock lock = new StampedLock();
  /** Scans of this partition since creation: what maintenance reads to find hot partitions. */
  private final LongAdder accessCount = new LongAdder();
  private float[] vectors;
  private long[] ids;
  private int size;

  Partition(int dim, int capacity) {
    this.dim = dim;
    this.vectors = new float[capacity * dim];
    this.ids = new long[capacity];
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

  int sizeUnlocked() {
    return size;
  }

  void recordAccess() {
    accessCount.increment();
  }

  long accessCount() {
    return accessCount.sum();
  }

  /** Forgets scans made before the index was published (calibration's), which say nothing of user traffic. */
  void resetAccessCount() {
    accessCount.reset();
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
    size = Math.max(size, offset + 1);
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
      return size++;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** Overwrites the vector of row {@code offset} in place. */
  void overwrite(int offset, float[] vector) {
    long stamp = lock.writeLock();
    try {
      System.arraycopy(vector, 0, vectors, offset * dim, dim);
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
      long moved = IdLocationMap.EMPTY;
      if (offset != last) {
        System.arraycopy(vectors, last * dim, vectors, offset * dim, dim);
        ids[offset] = ids[last];
        moved = ids[offset];
      }
      size = last;
      return moved;
    } finally {
      lock.unlockWrite(stamp);
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

  /** Bytes held by the two blocks (capacity, not size). */
  long memoryBytes() {
    long stamp = lock.readLock();
    try {
      return (long) vectors.length * Float.BYTES + (long) ids.length * Long.BYTES;
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
  }
}
