package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The IVF index against brute force, its updates, and its rejection of bad input. */
class IvfIndexTest {

  private static final int N = 4_000;
  private static final int DIM = 24;
  private static final long SEED = 1234;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void exactSearchAndFullProbeEqualBruteForce(Metric metric) {
    float[] points = TestVectors.clustered(N, DIM, 30, SEED);
    long[] ids = TestVectors.sequentialIds(N);
    IvfIndex index = IvfIndex.build(points, ids, IvfParams.of(DIM, metric, 32));
    float[] queries = TestVectors.clustered(50, DIM, 30, SEED + 1);
    for (int q = 0; q < 50; q++) {
      float[] query = TestVectors.row(queries, DIM, q);
      long[] expected = TestVectors.bruteForce(points, ids, DIM, query, 10, metric);
      // Float accumulation order differs from the double-precision reference; allow one swap at the boundary.
      assertTrue(TestVectors.recall(expected, index.exactSearch(query, 10).ids()) >= 0.9, "query " + q);
      assertArrayEquals(index.exactSearch(query, 10).ids(), index.search(query, 10, 1_000).ids(), "query " + q);
    }
  }

  @Test
  void recallGrowsWithNprobeAndIsHighOnClusteredData() {
    float[] points = TestVectors.clustered(N, DIM, 40, SEED);
    long[] ids = TestVectors.sequentialIds(N);
    IvfIndex index = IvfIndex.build(points, ids, IvfParams.of(DIM, Metric.L2, 64));
    float[] queries = TestVectors.clustered(200, DIM, 40, SEED + 2);
    double previous = 0;
    for (int nprobe : new int[] {1, 4, 16}) {
      double sum = 0;
      for (int q = 0; q < 200; q++) {
        float[] query = TestVectors.row(queries, DIM, q);
        sum += TestVectors.recall(index.exactSearch(query, 10).ids(), index.search(query, 10, nprobe).ids());
      }
      double recall = sum / 200;
      assertTrue(recall >= previous - 1e-9, "recall must not fall as nprobe grows: " + recall + " < " + previous);
      previous = recall;
    }
    assertTrue(previous >= 0.95, "recall@10 at nprobe 16 of 64 was " + previous);
  }

  @Test
  void distancesAreReportedInTheMetricsOwnUnits() {
    float[] points = {0, 0, 3, 4, 1, 0, 0, 1};
    long[] ids = {10, 11, 12, 13};
    IvfIndex l2 = IvfIndex.build(points, ids, IvfParams.of(2, Metric.L2, 1));
    SearchResult r = l2.search(new float[] {0, 0}, 4, 1);
    assertArrayEquals(new long[] {10, 12, 13, 11}, r.ids(), "ties (12, 13 at 1.0) by smaller id");
    assertArrayEquals(new float[] {0, 1, 1, 5}, r.distances(), 1e-6f);

    IvfIndex cosine = IvfIndex.build(new float[] {3, 4, 1, 0, 0, 2}, new long[] {1, 2, 3},
        IvfParams.of(2, Metric.COSINE, 1));
    SearchResult c = cosine.search(new float[] {10, 0}, 3, 1);
    assertArrayEquals(new long[] {2, 1, 3}, c.ids());
    assertArrayEquals(new float[] {0f, 0.4f, 1f}, c.distances(), 1e-6f);

    IvfIndex ip = IvfIndex.build(new float[] {1, 0, 2, 0}, new long[] {1, 2}, IvfParams.of(2, Metric.INNER_PRODUCT, 1));
    SearchResult i = ip.search(new float[] {3, 0}, 2, 1);
    assertArrayEquals(new long[] {2, 1}, i.ids());
    assertArrayEquals(new float[] {-6f, -3f}, i.distances(), 1e-6f);
  }

  @Test
  void cosineNormalisesOnInsertAndUpdateAsOnBuild() {
    float[] points = TestVectors.clustered(500, 8, 5, SEED);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(500), IvfParams.of(8, Metric.COSINE, 8));
    float[] v = TestVectors.row(points, 8, 7);
    float[] scaled = v.clone();
    for (int j = 0; j < 8; j++) {
      scaled[j] *= 1000;
    }
    index.insert(9_999, scaled);
    assertArrayEquals(index.vector(7), index.vector(9_999), 1e-6f);
    index.update(9_999, v);
    assertArrayEquals(index.vector(7), index.vector(9_999), 1e-6f);
    SearchResult r = index.exactSearch(scaled, 2);
    assertEquals(0f, r.distances()[0], 1e-5f);
    assertEquals(0f, r.distances()[1], 1e-5f);
  }

  @Test
  void insertDeleteAndUpdateKeepEveryIdFindable() {
    float[] points = TestVectors.clustered(N, DIM, 30, SEED);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(N), IvfParams.of(DIM, Metric.L2, 32));
    for (int i = 0; i < 1_000; i += 2) {
      index.delete(i);
    }
    float[] extra = TestVectors.clustered(300, DIM, 30, SEED + 5);
    for (int i = 0; i < 300; i++) {
      index.insert(100_000 + i, TestVectors.row(extra, DIM, i));
    }
    // Update moves ids 1001.. far away, into other partitions.
    for (int i = 1_001; i < 1_101; i++) {
      float[] moved = TestVectors.row(extra, DIM, i % 300);
      index.update(i, moved);
      assertArrayEquals(moved, index.vector(i));
    }
    assertEquals(N - 500 + 300, index.size());
    assertEquals(index.size(), Arrays.stream(index.partitionSizes()).sum());
    for (long id : new long[] {1, 999, 1_000, 1_050, 3_999, 100_000, 100_299}) {
      assertTrue(index.contains(id));
      SearchResult r = index.exactSearch(index.vector(id), 1);
      assertEquals(0f, r.distances()[0], 1e-4f, "id " + id + " found at distance 0");
    }
    assertFalse(index.contains(0));
  }

  @Test
  void badInputIsRejectedAndLeavesTheIndexUnchanged() {
    float[] points = TestVectors.clustered(500, 8, 5, SEED);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(500), IvfParams.of(8, Metric.L2, 8));
    float[] query = TestVectors.row(points, 8, 3);
    long[] before = index.search(query, 10, 8).ids();

    assertMessage("query: dimension 7", () -> index.search(new float[7], 10, 2));
    assertMessage("k: must be positive, was 0", () -> index.search(query, 0, 2));
    assertMessage("nprobe: must be positive, was -1", () -> index.search(query, 10, -1));
    float[] nan = query.clone();
    nan[2] = Float.NaN;
    assertMessage("vector: component 2 is NaN", () -> index.insert(1_000, nan));
    float[] inf = query.clone();
    inf[0] = Float.POSITIVE_INFINITY;
    assertMessage("vector: component 0 is Infinity", () -> index.update(3, inf));
    assertMessage("id: no vector with id 777777", () -> index.delete(777_777));
    assertMessage("id: 5 is already in the index", () -> index.insert(5, query));
    assertMessage("vector: dimension 9", () -> index.insert(1_001, new float[9]));

    assertEquals(500, index.size());
    assertArrayEquals(before, index.search(query, 10, 8).ids());
    assertArrayEquals(query, index.vector(3));
  }

  @Test
  void buildRejectsBadInput() {
    assertMessage("ids: id 1 appears more than once",
        () -> IvfIndex.build(new float[] {0, 1, 2, 3, 4, 5}, new long[] {1, 2, 1}, IvfParams.of(2, Metric.L2, 1)));
    assertMessage("vectors: expected 3 × 2", () -> IvfIndex.build(new float[5], new long[] {1, 2, 3},
        IvfParams.of(2, Metric.L2, 1)));
    assertMessage("vectors row 1: component 1 is NaN", () -> IvfIndex.build(new float[] {0, 1, 2, Float.NaN},
        new long[] {1, 2}, IvfParams.of(2, Metric.L2, 1)));
    assertMessage("clusters: 3 exceeds the 2 points", () -> IvfIndex.build(new float[4], new long[] {1, 2},
        IvfParams.of(2, Metric.L2, 3)));
    assertMessage("nlist: must be at least 1, was 0", () -> IvfParams.of(2, Metric.L2, 0));
  }

  @Test
  void memoryStaysWithinBudgetOfRawBytes() {
    int n = 20_000;
    int dim = 128;
    float[] points = TestVectors.clustered(n, dim, 50, SEED);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(dim, Metric.L2, 566));
    long raw = (long) n * (dim * Float.BYTES + Long.BYTES);
    assertTrue(index.memoryBytes() <= 1.15 * raw, "index " + index.memoryBytes() + " bytes vs raw " + raw);
  }

  @Test
  void accessCountsRecordEveryScannedPartition() {
    float[] points = TestVectors.clustered(1_000, 8, 5, SEED);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(1_000), IvfParams.of(8, Metric.L2, 10));
    index.search(TestVectors.row(points, 8, 0), 5, 3);
    assertEquals(3, Arrays.stream(index.partitionAccessCounts()).sum());
    index.exactSearch(TestVectors.row(points, 8, 0), 5);
    assertEquals(13, Arrays.stream(index.partitionAccessCounts()).sum());
  }

  private static void assertMessage(String expectedStart, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
  }
}
