package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlatCentroidIndexTest {

  @Test
  void batchedCandidatesAreThoseOfOneQueryAtATime() {
    // The batch scores centroids from transposed panels and rescores only those near the m-th: partitions and scores
    // must be bit-identical to the per-query kernel's, for every metric, for a query count that is not a multiple of
    // four, and for m from 1 to every centroid. Clustered centroids and queries put many near-ties at the m-th.
    int dim = 37;
    int count = 203;
    float[] centroids = TestVectors.clustered(count, dim, 8, 21);
    float[] points = TestVectors.clustered(150, dim, 8, 22);
    float[][] queries = new float[150][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Arrays.copyOfRange(points, q * dim, (q + 1) * dim);
    }
    // A few exact copies of centroids: zero distances and exact ties between duplicates.
    System.arraycopy(centroids, 5 * dim, centroids, 6 * dim, dim);
    queries[3] = Arrays.copyOfRange(centroids, 5 * dim, 6 * dim);
    for (Metric metric : Metric.values()) {
      float[][] prepared = new float[queries.length][];
      for (int q = 0; q < queries.length; q++) {
        prepared[q] = metric.normalizes() ? normalised(queries[q]) : queries[q];
      }
      float[] table = metric.normalizes() ? normalisedRows(centroids, count, dim) : centroids;
      FlatCentroidIndex index = new FlatCentroidIndex(metric, table, count);
      // Warm both paths first: before the JIT compiles a kernel, the Vector API's interpreted reduction may round a
      // last bit differently from the compiled one (as AdaptiveSearchTest warms up before comparing batches).
      for (int round = 0; round < 200; round++) {
        index.nearest(prepared, 7);
        for (float[] query : prepared) {
          index.nearest(query, 7);
        }
      }
      for (int m : new int[] {1, 7, 40, count - 1, count, count + 5}) {
        Candidates[] batched = index.nearest(prepared, m);
        for (int q = 0; q < prepared.length; q++) {
          Candidates one = index.nearest(prepared[q], m);
          String where = metric + ", m = " + m + ", query " + q;
          assertArrayEquals(one.partitions(), batched[q].partitions(), where);
          assertArrayEquals(one.scores(), batched[q].scores(), where);
        }
      }
    }
  }

  @Test
  void splitCentroidPassGivesTheCandidatesOfOneThread() throws Exception {
    // Above MIN_PARALLEL_FLOATS a query's centroid pass is split into ranges that helpers share; the candidates
    // (partitions and scores, bit for bit) must be one thread's, ties between duplicate centroids included, for
    // every metric and for m from 1 to every centroid. Then again with every pool worker busy, so that the calling
    // thread scores every range itself: a helper that never comes must not stall the query.
    int dim = 96;
    int count = 1_500;
    assertTrue((long) count * dim >= FlatCentroidIndex.MIN_PARALLEL_FLOATS, "the test must exercise the split");
    float[] centroids = TestVectors.clustered(count, dim, 12, 31);
    float[] points = TestVectors.clustered(60, dim, 12, 32);
    System.arraycopy(centroids, 100 * dim, centroids, 1_200 * dim, dim); // a tie across two ranges
    for (Metric metric : Metric.values()) {
      float[] table = metric.normalizes() ? normalisedRows(centroids, count, dim) : centroids;
      FlatCentroidIndex index = new FlatCentroidIndex(metric, table, count);
      float[][] queries = new float[61][];
      for (int q = 0; q < 60; q++) {
        float[] query = Arrays.copyOfRange(points, q * dim, (q + 1) * dim);
        queries[q] = metric.normalizes() ? normalised(query) : query;
      }
      queries[60] = Arrays.copyOfRange(table, 100 * dim, 101 * dim);
      for (int round = 0; round < 100; round++) { // compile both paths first (see above)
        for (float[] query : queries) {
          index.nearest(query, 20);
          index.nearest(query, 20, 2);
        }
      }
      assertSplitAgrees(index, queries, metric.toString());
      try (BusyPool busy = new BusyPool()) {
        assertSplitAgrees(index, queries, metric + ", every worker busy");
      }
    }
  }

  private static void assertSplitAgrees(FlatCentroidIndex index, float[][] queries, String what) {
    for (int threads : new int[] {2, 3, 4}) {
      for (int m : new int[] {1, 20, 333, 1_499, 1_500, 1_600}) {
        for (int q = 0; q < queries.length; q++) {
          Candidates one = index.nearest(queries[q], m);
          Candidates split = index.nearest(queries[q], m, threads);
          String where = what + ", threads " + threads + ", m = " + m + ", query " + q;
          assertArrayEquals(one.partitions(), split.partitions(), where);
          assertArrayEquals(one.scores(), split.scores(), where);
        }
      }
    }
  }

  /** Occupies every worker of the shared scan pool until closed, so that no helper can run. */
  static final class BusyPool implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started;

    BusyPool() throws InterruptedException {
      int workers = Runtime.getRuntime().availableProcessors();
      started = new CountDownLatch(workers);
      for (int i = 0; i < workers; i++) {
        ScanWorkers.pool().execute(() -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      assertTrue(started.await(30, TimeUnit.SECONDS), "every scan worker took a blocking task");
    }

    @Override
    public void close() {
      release.countDown();
    }
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= (float) Math.sqrt(norm);
    }
    return out;
  }

  private static float[] normalisedRows(float[] rows, int count, int dim) {
    float[] out = new float[rows.length];
    for (int r = 0; r < count; r++) {
      System.arraycopy(normalised(Arrays.copyOfRange(rows, r * dim, (r + 1) * dim)), 0, out, r * dim, dim);
    }
    return out;
  }
}
