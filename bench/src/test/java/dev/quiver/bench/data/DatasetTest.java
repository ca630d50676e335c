package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatasetTest {

  private static Dataset twoQueries() {
    // Two queries with depth-4 ground truth: query 0 → 3, 1, 4, 0; query 1 → 2, 0, 1, 3.
    return new Dataset("t", Metric.L2, 1, new float[] {0, 1, 2, 3, 4}, 5, new float[] {3, 2}, 2,
        new int[] {3, 1, 4, 0, 2, 0, 1, 3}, DatasetFiles.standard(Path.of("/tmp/t")));
  }

  @Test
  void recallCountsResultIdsAmongTheFirstKTrueNeighbours() {
    Dataset d = twoQueries();
    assertEquals(4, d.groundTruthDepth());
    assertArrayEquals(new int[] {3, 1}, d.groundTruth(0, 2));
    assertEquals(1.0, d.recallAtK(0, new long[] {1, 3}, 2));
    assertEquals(0.5, d.recallAtK(0, new long[] {3, 4}, 2));
    assertEquals(0.5, d.recallAtK(0, new long[] {3, 3}, 2), "a repeated id counts once");
    assertEquals(0.5, d.recallAtK(0, new long[] {3, 1}, 4), "a short list finds fewer neighbours");
    assertEquals(0.5, d.recallAtK(0, new long[] {9, 3, 1}, 2), "ids past k are ignored");
    assertEquals(0.0, d.recallAtK(1, new long[] {-1, 99}, 2));
    assertEquals(0.75, d.meanRecallAtK(new long[][] {{3, 1}, {2, 4}}, 2));
  }

  @Test
  void rejectsKBeyondTheGroundTruthAndBadShapes() {
    Dataset d = twoQueries();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.recallAtK(0, new long[0], 5));
    assertTrue(e.getMessage().contains("k: must be in [1, 4]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.groundTruth(2, 1));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("x", Metric.L2, 2, new float[3], 2,
        new float[0], 0, new int[0], DatasetFiles.standard(Path.of("/tmp"))));
  }
}
