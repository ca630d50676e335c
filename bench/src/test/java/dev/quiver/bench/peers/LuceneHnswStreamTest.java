package dev.quiver.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LuceneHnswStreamTest {

  private static final long SEED = 77;
  private static final int N = 2_000;
  private static final int DIM = 16;
  /** Ids far from the ordinals, so that a result reporting an ordinal instead of its id cannot pass. */
  private static final long ID_OFFSET = 1_000_000;

  private static LuceneHnswStream filled(PeerTestData data) {
    LuceneHnswStream graph = new LuceneHnswStream(DIM, Metric.L2, 16, 100, SEED);
    for (int i = 0; i < data.n(); i++) {
      graph.insert(ID_OFFSET + i, Arrays.copyOfRange(data.base(), i * DIM, (i + 1) * DIM));
    }
    return graph;
  }

  @Test
  void aGraphGrownOneVectorAtATimeFindsTheNearestNeighbours() {
    PeerTestData data = PeerTestData.random(SEED, N, 50, DIM, 10, Metric.L2);
    LuceneHnswStream graph = filled(data);
    assertEquals(N, graph.size());
    double recall = 0;
    for (int q = 0; q < data.nq(); q++) {
      long[] ids = graph.search(query(data, q), 100, 10, null);
      Set<Long> truth = new HashSet<>();
      for (int j = 0; j < 10; j++) {
        truth.add(ID_OFFSET + data.groundTruth()[q * data.depth() + j]);
      }
      recall += Arrays.stream(ids).filter(truth::contains).count() / 10.0;
    }
    // ef = 100 over 2,000 Gaussian vectors in 16 dimensions: HNSW is near exact; 0.95 leaves room for the seed.
    assertTrue(recall / data.nq() >= 0.95, "recall " + recall / data.nq());
  }

  @Test
  void deletedVectorsAreNeverReturnedAndTheRestAreStillFound() {
    PeerTestData data = PeerTestData.random(SEED, N, 50, DIM, 10, Metric.L2);
    LuceneHnswStream graph = filled(data);
    for (int i = 0; i < N; i += 2) {
      graph.delete(ID_OFFSET + i);
    }
    assertEquals(N / 2, graph.size());
    assertEquals(N, graph.nodes());
    double recall = 0;
    long[] visited = new long[1];
    for (int q = 0; q < data.nq(); q++) {
      float[] query = query(data, q);
      long[] ids = graph.search(query, 100, 10, visited);
      assertEquals(10, ids.length);
      assertTrue(visited[0] >= 10);
      for (long id : ids) {
        assertTrue((id - ID_OFFSET) % 2 == 1, "deleted id " + id + " returned");
      }
      Set<Long> truth = new HashSet<>();
      IntStream.range(0, N).filter(i -> i % 2 == 1).boxed()
          .sorted(Comparator.comparingDouble(i -> distance(data.base(), i, query))).limit(10)
          .forEach(i -> truth.add(ID_OFFSET + i));
      recall += Arrays.stream(ids).filter(truth::contains).count() / 10.0;
    }
    // Tombstones stay in the graph as stepping stones, so the live half is still found (Lucene before a merge).
    assertTrue(recall / data.nq() >= 0.9, "recall " + recall / data.nq());
  }

  @Test
  void badWritesAreRefusedByName() {
    LuceneHnswStream graph = new LuceneHnswStream(2, Metric.L2, 16, 100, SEED);
    graph.insert(5, new float[] {1, 2});
    assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.insert(5, new float[] {3, 4}))
        .getMessage().startsWith("id: 5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.insert(6, new float[] {3}))
        .getMessage().startsWith("vector: dimension 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.delete(6)).getMessage()
        .startsWith("id: 6"));
    LuceneHnswStream cosine = new LuceneHnswStream(2, Metric.COSINE, 16, 100, SEED);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> cosine.insert(1, new float[] {3, 4}))
        .getMessage().contains("normalised"));
    assertFalse(new LuceneHnswStream(2, Metric.L2, 16, 100, SEED).search(new float[] {0, 0}, 10, 10, null).length
        > 0);
  }

  private static float[] query(PeerTestData data, int q) {
    return Arrays.copyOfRange(data.queries(), q * DIM, (q + 1) * DIM);
  }

  private static double distance(float[] base, int row, float[] query) {
    double sum = 0;
    for (int j = 0; j < DIM; j++) {
      double d = base[row * DIM + j] - query[j];
      sum += d * d;
    }
    return sum;
  }
}
