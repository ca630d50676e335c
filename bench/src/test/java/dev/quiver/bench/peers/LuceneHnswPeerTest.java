package dev.quiver.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.report.SearchMeasurement;
import dev.quiver.index.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recall of the Lucene HNSW peer against brute force, and its argument checks. */
class LuceneHnswPeerTest {

  private static final long SEED = 20_250_701L;
  /**
   * Base vectors per recall test: more than 4,096 so that a two-thread build really runs two workers (Lucene's
   * concurrent builder hands out nodes in batches of 2,048).
   */
  private static final int BASE = 5_000;
  /** Recall@10 the widest search must reach on {@value #BASE} × 16 Gaussian vectors; HNSW at ef 160 is near 1. */
  private static final double MIN_RECALL_AT_WIDEST = 0.9;

  @ParameterizedTest(name = "{0}, {1} build threads")
  @CsvSource({"L2, 1", "L2, 2", "COSINE, 1", "INNER_PRODUCT, 2"})
  void widestSearchReachesRecallOfBruteForce(Metric metric, int buildThreads) {
    System.err.println("seed " + SEED);
    PeerTestData data = PeerTestData.random(SEED, BASE, 200, 16, 100, metric);
    LuceneHnswParams params = LuceneHnswParams.DEFAULTS.withBuildThreads(buildThreads).withEfs(10, 40, 160);
    LuceneHnswPeer.Result result = LuceneHnswPeer.run(data.base(), data.n(), data.dim(), data.queries(), data.nq(),
        data.groundTruth(), metric, params);

    assertEquals(buildThreads, result.buildThreads());
    assertTrue(result.buildSeconds() > 0, "build seconds " + result.buildSeconds());
    assertTrue(result.graphBytes() > 0, "graph bytes " + result.graphBytes());
    List<SearchMeasurement> rows = result.measurements();
    assertEquals(List.of("m=16,beam=100,ef=10", "m=16,beam=100,ef=40", "m=16,beam=100,ef=160"),
        rows.stream().map(SearchMeasurement::setting).toList());
    for (SearchMeasurement row : rows) {
      assertEquals("lucene-hnsw", row.method());
      assertEquals(-1, row.nlist());
      assertEquals(-1, row.nprobe());
      assertTrue(row.qps() > 0 && row.latencyP50Ms() > 0 && row.latencyP99Ms() >= row.latencyP50Ms(), row.toJson());
    }
    double widest = rows.getLast().recallAt10();
    assertTrue(widest >= MIN_RECALL_AT_WIDEST, "recall@10 at ef 160 was " + widest + " (seed " + SEED + ")");
    // A wider beam only adds candidates; on this data it must not lose recall beyond noise.
    assertTrue(widest >= rows.getFirst().recallAt10() - 0.01, rows.toString());
  }

  @Test
  void singleThreadedBuildIsReproducible() {
    PeerTestData data = PeerTestData.random(SEED, 1_000, 50, 8, 10, Metric.L2);
    LuceneHnswParams params = LuceneHnswParams.DEFAULTS.withBuildThreads(1).withEfs(10);
    double first = LuceneHnswPeer.run(data.base(), data.n(), data.dim(), data.queries(), data.nq(),
        data.groundTruth(), Metric.L2, params).measurements().getFirst().recallAt10();
    double second = LuceneHnswPeer.run(data.base(), data.n(), data.dim(), data.queries(), data.nq(),
        data.groundTruth(), Metric.L2, params).measurements().getFirst().recallAt10();
    assertEquals(first, second);
  }

  @Test
  void recallCountsTrueNeighboursAmongTheFirstTen() {
    int[] truth = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, /* query 1: */ 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 0, 0};
    assertEquals(0.3, LuceneHnswPeer.recallAt10(new int[] {9, 10, 11, 0, 1}, truth, 12, 0), 1e-12);
    assertEquals(1.0, LuceneHnswPeer.recallAt10(new int[] {29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 99}, truth, 12,
        1), 1e-12);
    assertEquals(0.0, LuceneHnswPeer.recallAt10(new int[] {}, truth, 12, 1), 1e-12);
  }

  @Test
  void rejectsInconsistentSizesAndUnnormalisedCosineData() {
    float[] base = new float[20];
    float[] queries = new float[4];
    int[] truth = new int[10];
    assertEquals("base: 6 × 4 components expected, array holds 20",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswPeer.run(base, 6, 4, queries, 1, truth,
            Metric.L2, LuceneHnswParams.DEFAULTS)).getMessage());
    assertEquals("groundTruth: 10 ids are not at least 10 per query for 2 queries",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswPeer.run(base, 5, 4, new float[8], 2, truth,
            Metric.L2, LuceneHnswParams.DEFAULTS)).getMessage());
    float[] notUnit = base.clone();
    notUnit[0] = 2;
    assertEquals("base: row 0 has squared norm 4.000000; COSINE vectors must be normalised before the Lucene peer "
            + "runs", assertThrows(IllegalArgumentException.class, () -> LuceneHnswPeer.run(notUnit, 5, 4, queries,
        1, truth, Metric.COSINE, LuceneHnswParams.DEFAULTS)).getMessage());
  }

  @Test
  void paramsRejectValuesWithTheirName() {
    assertEquals("maxConn: must be positive, was 0",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswParams.DEFAULTS.withMaxConn(0)).getMessage());
    assertEquals("efs: need at least one, all positive, was [10, -1]",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswParams.DEFAULTS.withEfs(10, -1)).getMessage());
    assertEquals("k: must be at least 10 to measure recall@10, was 5",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswParams.DEFAULTS.withK(5)).getMessage());
    assertEquals("buildThreads: must be 0 (all processors) or positive, was -1",
        assertThrows(IllegalArgumentException.class, () -> LuceneHnswParams.DEFAULTS.withBuildThreads(-1))
            .getMessage());
    assertEquals(20, LuceneHnswParams.DEFAULTS.withK(20).candidates(10));
  }
}
