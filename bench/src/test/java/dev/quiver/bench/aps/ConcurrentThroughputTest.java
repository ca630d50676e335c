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

class ConcurrentThroughputTest {

  @Test
  void reportsBothSpeedsAndTheRoundsItTimed() {
    // Speeds depend on the machine, so only their shape is asserted: positive, finite, and named in the line.
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(2_000, 16, 7));
    FloatRows base = generator.base(1);
    long[] ids = new long[base.count()];
    Arrays.setAll(ids, i -> i);
    IvfIndex index = IvfIndex.build(base.values(), ids, IvfParams.of(base.dim(), Metric.L2, 20, 7));
    FloatRows rows = generator.queries(40, 1);
    float[][] queries = new float[rows.count()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Arrays.copyOfRange(rows.values(), q * rows.dim(), (q + 1) * rows.dim());
    }

    ConcurrentThroughput measured = ConcurrentThroughput.measure(index, queries, SearchParams.forRecall(10, 0.9), 2);

    assertEquals(0.9, measured.target());
    assertEquals(2, measured.threads());
    assertEquals(BatchThroughput.ROUNDS, measured.rounds());
    assertTrue(measured.oneThreadQps() > 0 && Double.isFinite(measured.oneThreadQps()), measured.describe());
    assertTrue(measured.concurrentQps() > 0 && Double.isFinite(measured.concurrentQps()), measured.describe());
    assertTrue(measured.ratio() > 0 && Double.isFinite(measured.ratio()), measured.describe());
    assertTrue(measured.describe().startsWith("concurrent target 0.90: 2 threads"), measured.describe());
  }

  @Test
  void refusesFewerThanTwoThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConcurrentThroughput.measure(null, new float[0][], SearchParams.forRecall(10, 0.9), 1));
    assertTrue(e.getMessage().contains("threads"), e.getMessage());
  }
}
