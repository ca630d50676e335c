package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlatCentroidIndexTest {

  @Test
  void batchedCandidatesAreThoseOfOneQueryAtATime() {
    // The batch scores centroids in 4 × 4 tiles and rescores only those near the m-th: partitions and scores must
    // be bit-identical to the per-query kernel's, for every metric, for a query count that is not a multiple of
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
