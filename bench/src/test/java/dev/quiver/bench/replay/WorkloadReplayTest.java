package dev.quiver.bench.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import dev.quiver.bench.workload.WorkloadGenerator;
import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.bench.workload.WorkloadParams;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method over one small stream with inserts, deletes and queries: what the report rests on. */
class WorkloadReplayTest {

  private static final long SEED = 20_261_123L;
  private static final int K = 10;
  /** Fields the issue names for every JSON object; they must never disappear. */
  private static final List<String> REQUIRED = List.of("policy", "recall_mean", "search_qps", "update_throughput",
      "maintenance_s", "total_s", "partitions_final");

  private static RecordedWorkload workload;
  private static ReplaySettings settings;
  private static List<ReplayResult> results;

  @BeforeAll
  static void replayEveryMethod() {
    ClusteredGenerator data = new ClusteredGenerator(GeneratorParams.of(3_000, 16, SEED).withClusters(15)
        .withSkew(0));
    FloatRows base = data.base(1);
    FloatRows queries = data.queries(100, 1);
    // 9 insert and 3 delete batches of 100 over 600 initial vectors, 50 queries after each, whole clusters at once.
    WorkloadParams params = WorkloadParams.defaults().withInitialFraction(0.2).withClusters(15).withUpdateSize(100)
        .withInsertDeleteRatio(3).withReadWriteRatio(0.5).withSteps(12).withK(K).withSeed(SEED);
    workload = RecordedWorkload.record(new WorkloadGenerator(base, queries, Metric.L2, params), Metric.L2, 16);
    // Target 40: 600 / 40 = 15 partitions, raised to the minimum of 16.
    settings = ReplaySettings.defaults(SEED).withTargetSize(40).withWarmUpSearches(50);
    results = WorkloadComparison.run(workload, ReplayMethods.parse(ReplayMethods.ALL, List.of()), settings, K,
        line -> { });
  }

  @Test
  void theWorkloadHasEveryKindOfOperation() {
    assertEquals(12, workload.steps());
    assertEquals(900, workload.insertedVectors());
    assertEquals(300, workload.deletedVectors());
    assertEquals(600, workload.queries());
    assertEquals(600 + 900 - 300, workload.residentAfter());
    assertEquals(16, settings.initialNlist(workload.initial().count()));
  }

  @Test
  void everyMethodRanInOrderOverTheSameOperations() {
    assertEquals(ReplayMethods.ALL, results.stream().map(ReplayResult::method).toList());
    for (ReplayResult r : results) {
      assertEquals(workload.insertedVectors(), r.inserted(), r.method());
      assertEquals(workload.deletedVectors(), r.deleted(), r.method());
      assertEquals(workload.queries(), r.queries(), r.method());
      assertEquals(workload.steps(), r.partitionsOverTime().length, r.method());
      assertEquals(12, r.recallOverTime().length, r.method());
    }
  }

  @Test
  void noMethodLosesOrKeepsAVector() {
    for (ReplayResult r : results) {
      assertEquals(workload.residentAfter(), r.vectorsFinal(), r.method() + " ended with the wrong vector count");
    }
  }

  @Test
  void jsonHasTheIssueFieldsWithSaneValues() {
    ReplayResult rebuild = results.stream().filter(r -> r.method().equals("rebuild")).findFirst().orElseThrow();
    for (ReplayResult r : results) {
      String json = r.toJson(rebuild, Map.of("dataset", "test"));
      for (String field : REQUIRED) {
        assertTrue(json.contains("\"" + field + "\":"), r.method() + " lacks " + field + ": " + json);
      }
      assertEquals(r.method(), text(json, "policy"));
      double recall = number(json, "recall_mean");
      // APS aims at 0.9 on well-separated clusters; HNSW is calibrated to it. Tolerance: anything below 0.7 is broken.
      assertTrue(recall >= 0.7 && recall <= 1, r.method() + " recall " + recall);
      assertTrue(number(json, "partitions_final") >= 1, r.method());
      assertTrue(number(json, "search_qps") > 0 && number(json, "update_throughput") > 0, r.method());
      double parts = number(json, "update_s") + number(json, "maintenance_s") + number(json, "search_s");
      // Each of the four is rounded to 0.001 s.
      assertEquals(parts, number(json, "total_s"), 0.002, r.method() + ": total is the sum of its parts");
      assertEquals(1.0, number(rebuild.toJson(rebuild, Map.of()), "total_s_vs_rebuild"), 1e-9);
      assertEquals("test", text(json, "dataset"));
    }
    assertTrue(results.getFirst().toJson(null, Map.of()).contains("\"total_s_vs_rebuild\":null"));
  }

  @Test
  void interleavingChangesOnlyTheTimings() {
    // Every method is seeded and single-threaded where it matters, so one after another it must take the same
    // decisions and find the same neighbours as interleaved.
    List<ReplayResult> sequential = WorkloadComparison.run(workload, ReplayMethods.parse(ReplayMethods.ALL,
        List.of()), settings.withInterleaved(false).withWarmUpSearches(0), K, line -> { });
    for (int m = 0; m < results.size(); m++) {
      ReplayResult a = results.get(m);
      ReplayResult b = sequential.get(m);
      assertEquals(a.method(), b.method());
      assertArrayEquals(a.partitionsOverTime(), b.partitionsOverTime(), a.method());
      assertArrayEquals(a.recallOverTime(), b.recallOverTime(), 1e-12, a.method());
      assertEquals(a.actions(), b.actions(), a.method());
    }
  }

  @Test
  void frozenAndLuceneNeverChangeTheirPartitioning() {
    for (ReplayResult r : results) {
      if (r.method().equals("frozen") || r.method().equals(ReplayMethods.LUCENE)) {
        assertEquals(r.partitionsInitial(), r.partitionsMin(), r.method());
        assertEquals(r.partitionsInitial(), r.partitionsMax(), r.method());
        assertEquals(0, r.actions().size(), r.method());
      }
    }
  }

  @Test
  void everyIvfIndexHoldsExactlyTheResidentIds() {
    Set<Long> resident = new HashSet<>();
    for (long id : workload.initial().ids()) {
      resident.add(id);
    }
    for (WorkloadOperation op : workload.operations()) {
      switch (op) {
        case WorkloadOperation.Insert i -> {
          for (long id : i.ids()) {
            resident.add(id);
          }
        }
        case WorkloadOperation.Delete d -> {
          for (long id : d.ids()) {
            resident.remove(id);
          }
        }
        case WorkloadOperation.Query q -> { }
      }
    }
    WorkloadReplayer replayer = new WorkloadReplayer(workload, line -> { });
    for (String policy : List.of("lire", "ada-ivf", "quake", "rebuild")) {
      IvfReplayTarget target = IvfReplayTarget.build(workload, policy, Map.of(), settings.withDeltaCapacity(64), K);
      replayer.replay(target);
      IvfIndex index = target.index();
      assertEquals(resident.size(), index.size(), policy);
      for (long id : resident) {
        assertTrue(index.contains(id), policy + " lost id " + id);
      }
    }
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
    assertTrue(m.find(), "no number " + field + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  private static String text(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), "no string " + field + " in " + json);
    return m.group(1);
  }
}
