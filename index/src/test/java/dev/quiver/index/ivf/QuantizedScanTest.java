package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * An index built with {@link IvfParams#quantizedScan()} answers exactly as the same index without it, on every search
 * path and after inserts, updates, deletes and a reclustering: the codes change which rows are read in float, never
 * the answers.
 */
class QuantizedScanTest {

  private static final long SEED = 20261204L;

  @Test
  void answersAreThoseOfTheFloatIndexForEveryMetric() {
    int dim = 48;
    int n = 6_000;
    float[] points = TestVectors.clustered(n, dim, 12, SEED);
    long[] ids = TestVectors.sequentialIds(n);
    for (Metric metric : Metric.values()) {
      IvfParams params = IvfParams.of(dim, metric, 40, SEED);
      IvfIndex plain = IvfIndex.build(points, ids, params);
      IvfIndex coded = IvfIndex.build(points, ids, params.withQuantizedScan(true));
      assertTrue(coded.memoryBytes() > plain.memoryBytes(), "codes take memory: " + metric);
      float[][] queries = queries(points, dim, 40, 3);
      warm(plain, coded, queries);
      assertSameAnswers(plain, coded, queries, metric + " after build");

      // Inserts far outside the trained range (clamped codes), updates and deletes, then a reclustering whose new
      // partitions must keep codes too.
      float[] wide = new float[dim];
      for (int i = 0; i < 200; i++) {
        for (int d = 0; d < dim; d++) {
          wide[d] = points[(i * 7 % n) * dim + d] * (i % 3 == 0 ? 4f : 1f) + 0.01f * d;
        }
        plain.insert(n + i, wide);
        coded.insert(n + i, wide);
      }
      for (int i = 0; i < 300; i += 3) {
        plain.delete(i);
        coded.delete(i);
        float[] moved = TestVectors.row(points, dim, (i + 1000) % n);
        plain.update(i + 1, moved);
        coded.update(i + 1, moved);
      }
      reclusterFirstTwo(plain);
      reclusterFirstTwo(coded);
      assertSameAnswers(plain, coded, queries, metric + " after updates and a reclustering");
    }
  }

  private static void reclusterFirstTwo(IvfIndex index) {
    ReentrantLock lock = index.maintenanceLock();
    lock.lock();
    try {
      long[] stats = index.partitionIds();
      index.recluster(new long[] {stats[0], stats[1]}, null, 3, 5, false, SEED).commit();
    } finally {
      lock.unlock();
    }
  }

  private static float[][] queries(float[] points, int dim, int count, int stride) {
    float[][] queries = new float[count][];
    for (int q = 0; q < count; q++) {
      float[] query = TestVectors.row(points, dim, q * stride * 37 % (points.length / dim));
      for (int d = 0; d < dim; d++) {
        query[d] += 0.05f * ((q + d) % 5 - 2);
      }
      queries[q] = query;
    }
    return queries;
  }

  private static void warm(IvfIndex plain, IvfIndex coded, float[][] queries) {
    // Both indexes' kernels compile together, so a cold and a warm reduction never meet (PanamaKernels).
    for (int round = 0; round < 20; round++) {
      for (float[] query : queries) {
        plain.search(query, SearchParams.of(10));
        coded.search(query, SearchParams.of(10));
      }
    }
  }

  private static void assertSameAnswers(IvfIndex plain, IvfIndex coded, float[][] queries, String where) {
    SearchParams[] cases = {
        SearchParams.of(10).withRecallTarget(0.9),
        SearchParams.of(10).withRecallTarget(0.99).withThreads(2),
        SearchParams.of(25).withNprobe(6),
        SearchParams.of(10).withRecallTarget(1.0),
    };
    for (SearchParams params : cases) {
      for (int q = 0; q < queries.length; q++) {
        var expected = plain.search(queries[q], params);
        var actual = coded.search(queries[q], params);
        String what = where + ", " + params + ", query " + q;
        assertArrayEquals(expected.ids(), actual.ids(), what);
        assertArrayEquals(expected.distances(), actual.distances(), what);
        assertEquals(expected.partitionsScanned(), actual.partitionsScanned(), what);
      }
      var batchExpected = plain.searchBatch(queries, params);
      var batchActual = coded.searchBatch(queries, params);
      for (int q = 0; q < queries.length; q++) {
        assertArrayEquals(batchExpected[q].ids(), batchActual[q].ids(), where + ", batch, " + params + ", " + q);
      }
    }
    assertEquals(Arrays.toString(plain.partitionSizes()), Arrays.toString(coded.partitionSizes()), where);
  }
}
