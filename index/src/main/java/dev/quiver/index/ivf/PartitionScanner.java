package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.TopKCollector;
import java.util.concurrent.locks.StampedLock;

/**
 * Scans partitions for one query into a top-k collector: the bulk kernel over blocks of rows into a scratch array,
 * then only the rows that can enter the top k touch the heap. One scanner per thread; not thread-safe.
 */
final class PartitionScanner {

  /** Rows per kernel call: 256 scores fit in L1 next to the rows being read. */
  static final int BLOCK_ROWS = 256;

  private final Metric metric;
  private final float[] blockScores = new float[BLOCK_ROWS];

  PartitionScanner(Metric metric) {
    this.metric = metric;
  }

  /** Scans every row of {@code partition} under its read lock; returns the number of rows compared. */
  int scan(Partition partition, float[] query, TopKCollector top) {
    partition.recordAccess();
    StampedLock lock = partition.lock();
    long stamp = lock.readLock();
    try {
      float[] vectors = partition.vectorsUnlocked();
      long[] ids = partition.idsUnlocked();
      int size = partition.sizeUnlocked();
      for (int start = 0; start < size; start += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, size - start);
        if (metric == Metric.L2) {
          VectorKernels.squaredL2Bulk(query, vectors, start, rows, blockScores);
        } else {
          VectorKernels.dotBulk(query, vectors, start, rows, blockScores);
          for (int r = 0; r < rows; r++) {
            blockScores[r] = -blockScores[r];
          }
        }
        top.offerAll(blockScores, ids, start, rows);
      }
      return size;
    } finally {
      lock.unlockRead(stamp);
    }
  }
}
