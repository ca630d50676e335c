package dev.quiver.bench.workload;

import static dev.quiver.bench.workload.WorkloadTestData.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.workload.WorkloadOperation.Delete;
import dev.quiver.bench.workload.WorkloadOperation.Insert;
import dev.quiver.bench.workload.WorkloadOperation.Query;
import dev.quiver.index.Metric;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ground truth of every query batch against a plain brute force over the simulated resident set. */
class WorkloadGroundTruthTest {

  private static final int DIM = 8;
  private static final int K = 5;

  /** Score in double, smaller is nearer; cosine normalises both sides, so unnormalised input is a fair test. */
  private static double score(float[] base, int row, float[] query, int q, Metric metric) {
    double dot = 0;
    double l2 = 0;
    double nb = 0;
    double nq = 0;
    for (int j = 0; j < DIM; j++) {
      double a = query[q * DIM + j];
      double b = base[row * DIM + j];
      dot += a * b;
      l2 += (a - b) * (a - b);
      nb += b * b;
      nq += a * a;
    }
    return switch (metric) {
      case L2 -> l2;
      case INNER_PRODUCT -> -dot;
      case COSINE -> -dot / Math.sqrt(nb * nq);
    };
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void groundTruthEqualsBruteForceOverTheResidentSet(Metric metric) {
    // Gaussian data, not unit vectors: inner product and cosine then rank differently, so each path is checked.
    FloatRows base = gaussian(800, DIM, 11);
    FloatRows queries = gaussian(40, DIM, 12);
    WorkloadParams params = WorkloadParams.defaults().withClusters(8).withUpdateSize(40).withInitialFraction(0.3)
        .withInsertDeleteRatio(1).withReadWriteRatio(0.25).withUpdateClusterSampleFraction(0.5).withK(K)
        .withSteps(12).withSeed(5);
    WorkloadStream stream = new WorkloadGenerator(base, queries, metric, params).stream();
    TreeSet<Long> resident = new TreeSet<>();
    for (long id : stream.initial().ids()) {
      resident.add(id);
    }
    int checked = 0;
    while (stream.hasNext()) {
      switch (stream.next()) {
        case Insert insert -> { for (long id : insert.ids()) { resident.add(id); } }
        case Delete delete -> { for (long id : delete.ids()) { resident.remove(id); } }
        case Query query -> {
          for (int q = 0; q < query.count(); q++) {
            int qq = q;
            long[] expected = resident.stream()
                .sorted(Comparator.comparingDouble((Long id) -> score(base.values(), id.intValue(),
                    query.vectors(), qq, metric)).thenComparingLong(id -> id))
                .limit(K).mapToLong(Long::longValue).toArray();
            assertArrayEquals(expected, query.groundTruth(q), metric + " query " + q + " of step " + query.step());
            checked++;
          }
        }
      }
    }
    assertTrue(checked >= 100, "only " + checked + " queries checked");
  }

  @Test
  void recallAtKCountsFoundNeighboursOnce() {
    Query query = new Query(0, new float[] {0, 0}, 1, 3, new long[] {4, 9, 2});
    assertArrayEquals(new double[] {1.0, 2.0 / 3, 1.0 / 3},
        IntStream.range(0, 3).mapToDouble(i -> query.recallAtK(0, switch (i) {
          case 0 -> new long[] {2, 4, 9};
          case 1 -> new long[] {9, 9, 4, 2};
          default -> new long[] {7, 2};
        })).toArray(), 1e-12);
  }
}
