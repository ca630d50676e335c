package dev.quiver.bench.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTimerTest {

  @Test
  void interleavedMethodsReportWhatEachMeasuredAloneReports() {
    // 250 queries cross two block boundaries, so the rotation changes which method runs first; recall and partitions
    // scanned are deterministic, so each interleaved row must equal the row of the same method measured alone.
    int k = 10;
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(3_000, 16, 5));
    FloatRows base = generator.base(1);
    long[] ids = new long[base.count()];
    Arrays.setAll(ids, i -> i);
    IvfIndex index = IvfIndex.build(base.values(), ids, IvfParams.of(base.dim(), Metric.L2, 30, 5));
    FloatRows rows = generator.queries(250, 1);
    float[][] queries = new float[rows.count()][];
    long[][] truth = new long[rows.count()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Arrays.copyOfRange(rows.values(), q * rows.dim(), (q + 1) * rows.dim());
      truth[q] = index.exactSearch(queries[q], k).ids();
    }
    SearchTimer timer = new SearchTimer(index, queries, (q, found) -> (double) Arrays.stream(found).limit(k)
        .filter(id -> Arrays.stream(truth[q]).anyMatch(t -> t == id)).count() / k);
    List<SearchTimer.Method> methods = List.of(
        SearchTimer.Method.of("one", 0.9, SearchParams.fixedNprobe(k, 1)),
        new SearchTimer.Method("varying", 0.9, k, q -> SearchParams.fixedNprobe(k, 1 + q % 5)),
        SearchTimer.Method.of("aps", 0.9, SearchParams.forRecall(k, 0.9)));
    List<ApsRow> together = timer.measureInterleaved(methods);
    assertEquals(methods.size(), together.size());
    for (int i = 0; i < methods.size(); i++) {
      SearchTimer.Method method = methods.get(i);
      ApsRow alone = timer.measure(method.name(), method.target(), method.k(), method.paramsOf());
      ApsRow row = together.get(i);
      assertEquals(method.name(), row.method());
      assertEquals(alone.recallMean(), row.recallMean(), 1e-12, method.name());
      assertEquals(alone.recallP10(), row.recallP10(), 1e-12, method.name());
      assertEquals(alone.nprobeMean(), row.nprobeMean(), 1e-12, method.name());
    }
  }
}
