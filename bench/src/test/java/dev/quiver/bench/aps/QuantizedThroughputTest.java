package dev.quiver.bench.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuantizedThroughputTest {

  @Test
  void aTwinWithCodesAnswersAsTheFloatIndexAndAnotherIndexDoesNot() {
    // Speeds depend on the machine, so only their shape is asserted; the mismatch count is exact: 0 for the twin the
    // bench restores, and not 0 for an index partitioned otherwise (so the count can see a difference).
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(3_000, 16, 7));
    FloatRows base = generator.base(1);
    long[] ids = new long[base.count()];
    Arrays.setAll(ids, i -> i);
    IvfIndex index = IvfIndex.build(base.values(), ids, IvfParams.of(base.dim(), Metric.L2, 30, 7));
    int[] assignment = new int[ids.length];
    Arrays.setAll(assignment, i -> index.partitionOf(i));
    IvfIndex twin = IvfIndex.restore(base.values(), ids, assignment, index.params().withQuantizedScan(true),
        index.centroids(), index.modelDimensionsByK(), index.partitionIds());
    IvfIndex other = IvfIndex.build(base.values(), ids, IvfParams.of(base.dim(), Metric.L2, 7, 7)
        .withQuantizedScan(true));
    FloatRows rows = generator.queries(60, 1);
    float[][] queries = new float[rows.count()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Arrays.copyOfRange(rows.values(), q * rows.dim(), (q + 1) * rows.dim());
    }
    SearchParams params = SearchParams.forRecall(10, 0.8);

    QuantizedThroughput measured = QuantizedThroughput.measure(index, twin, queries, params, 2);

    assertEquals(0, measured.mismatches(), measured.describe());
    assertEquals(2, measured.threads());
    for (double value : new double[] {measured.floatQps(), measured.codesQps(), measured.floatSplitQps(),
        measured.codesSplitQps(), measured.codesOverFloat(), measured.codesOverFloatSplit(),
        measured.codesSplitOverOne(), measured.floatSplitOverOne()}) {
      assertTrue(value > 0 && Double.isFinite(value), measured.describe());
    }
    assertTrue(measured.describe().startsWith("quantized target 0.80: 8-bit first pass"), measured.describe());
    assertTrue(QuantizedThroughput.measure(index, other, queries, params, 2).mismatches() > 0);
  }

  @Test
  void refusesFewerThanTwoThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantizedThroughput.measure(null, null, new float[0][], SearchParams.forRecall(10, 0.9), 1));
    assertTrue(e.getMessage().contains("threads"), e.getMessage());
  }
}
