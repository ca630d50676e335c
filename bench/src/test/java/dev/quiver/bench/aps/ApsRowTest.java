package dev.quiver.bench.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.report.LatencyStats;
import org.junit.jupiter.api.Test;

class ApsRowTest {

  @Test
  void unknownValuesAreNullInJsonAndEmptyInMarkdown() {
    ApsRow row = new ApsRow("faiss-ivf-flat", 0.9, 10, 0.91, Double.NaN, 12, 0.25, 0.5, 4000);
    assertEquals("{\"method\":\"faiss-ivf-flat\",\"target\":0.9000,\"k\":10,\"recall_mean\":0.9100,"
        + "\"recall_p10\":null,\"nprobe_mean\":12.00,\"latency_p50_ms\":0.2500,\"latency_p99_ms\":0.5000,"
        + "\"latency_mean_ms\":0.2500,\"qps\":4000.0}", row.toJson());
    assertEquals("| faiss-ivf-flat | 0.90 | 0.9100 |  | 12.0 | 0.250 | 0.500 | 4000 |", row.toMarkdownRow());
  }

  @Test
  void withinTargetMeansMetButNotOvershotByMoreThanTolerance() {
    assertTrue(ApsReport.withinTarget(0.9, 0.9));
    assertTrue(ApsReport.withinTarget(0.929, 0.9));
    assertFalse(ApsReport.withinTarget(0.899, 0.9));
    assertFalse(ApsReport.withinTarget(0.94, 0.9));
  }

  @Test
  void percentileIsNearestRank() {
    double[] values = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    assertEquals(0.1, LatencyStats.percentile(values, 0.10));
    assertEquals(0.5, LatencyStats.percentile(values, 0.5));
  }
}
