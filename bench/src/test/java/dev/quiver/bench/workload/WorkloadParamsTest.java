package dev.quiver.bench.workload;

import static dev.quiver.bench.workload.WorkloadTestData.BASE;
import static dev.quiver.bench.workload.WorkloadTestData.QUERIES;
import static dev.quiver.bench.workload.WorkloadTestData.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.index.Metric;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Parameter validation: every invalid value is rejected with the parameter's name. */
class WorkloadParamsTest {

  private static void assertRejected(String name, Supplier<?> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().startsWith(name + ":"), "message should name " + name + ": " + e.getMessage());
  }

  @Test
  void defaultsAreThePapersFixedValues() {
    WorkloadParams p = WorkloadParams.defaults();
    assertEquals(0.1, p.initialFraction());
    assertEquals(10_000, p.updateSize());
    assertEquals(Double.POSITIVE_INFINITY, p.insertDeleteRatio());
    assertEquals(1.0, p.insertShare());
    assertEquals(0.1, p.readWriteRatio());
    assertEquals(1.0, p.updateClusterSampleFraction());
    assertEquals(QuerySource.DATASET, p.querySource());
    assertEquals(0.75, p.withInsertDeleteRatio(3).insertShare(), 1e-12);
  }

  @Test
  void invalidFieldsAreRejectedByName() {
    WorkloadParams p = WorkloadParams.defaults();
    assertRejected("initialFraction", () -> p.withInitialFraction(0));
    assertRejected("initialFraction", () -> p.withInitialFraction(1.5));
    assertRejected("initialFraction", () -> p.withInitialFraction(Double.NaN));
    assertRejected("updateSize", () -> p.withUpdateSize(0));
    assertRejected("insertDeleteRatio", () -> p.withInsertDeleteRatio(-1));
    assertRejected("insertDeleteRatio", () -> p.withInsertDeleteRatio(Double.NaN));
    assertRejected("readWriteRatio", () -> p.withReadWriteRatio(-0.5));
    assertRejected("readWriteRatio", () -> p.withReadWriteRatio(Double.POSITIVE_INFINITY));
    assertRejected("updateClusterSampleFraction", () -> p.withUpdateClusterSampleFraction(0));
    assertRejected("updateClusterSampleFraction", () -> p.withUpdateClusterSampleFraction(1.01));
    assertRejected("queryClusterSampleFraction", () -> p.withClusterSampledQueries(-0.1));
    assertRejected("querySource", () -> p.withQuerySource(null));
    assertRejected("clusters", () -> p.withClusters(0));
    assertRejected("steps", () -> p.withSteps(-1));
    assertRejected("k", () -> p.withK(0));
  }

  @Test
  void parametersTheDatasetCannotSupplyAreRejectedByName() {
    assertRejected("steps", () -> new WorkloadGenerator(BASE, QUERIES, Metric.L2, small().withSteps(80)
        .withUpdateSize(50)));
    assertRejected("steps", () -> new WorkloadGenerator(BASE, QUERIES, Metric.L2, small().withInsertDeleteRatio(0)));
    assertRejected("updateSize", () -> new WorkloadGenerator(BASE, QUERIES, Metric.L2, small().withSteps(0)
        .withUpdateSize(5_000)));
    assertRejected("initialFraction", () -> new WorkloadGenerator(BASE, QUERIES, Metric.L2, small()
        .withInitialFraction(0.001).withK(10)));
    assertRejected("clusters", () -> new WorkloadGenerator(BASE, QUERIES, Metric.L2, small().withClusters(5_000)));
    FloatRows noQueries = new FloatRows(new float[0], 0, 16);
    assertRejected("querySource", () -> new WorkloadGenerator(BASE, noQueries, Metric.L2, small()));
    FloatRows wrongDim = new FloatRows(new float[8], 1, 8);
    assertRejected("queries", () -> new WorkloadGenerator(BASE, wrongDim, Metric.L2, small()));
  }
}
