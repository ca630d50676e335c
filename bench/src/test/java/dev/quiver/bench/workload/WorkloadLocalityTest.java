package dev.quiver.bench.workload;

import static dev.quiver.bench.workload.WorkloadTestData.BASE;
import static dev.quiver.bench.workload.WorkloadTestData.QUERIES;
import static dev.quiver.bench.workload.WorkloadTestData.drain;
import static dev.quiver.bench.workload.WorkloadTestData.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.workload.WorkloadOperation.Delete;
import dev.quiver.bench.workload.WorkloadOperation.Insert;
import dev.quiver.bench.workload.WorkloadOperation.Query;
import dev.quiver.index.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Locality: how many clusters a batch touches as the cluster sample fraction varies (Ada-IVF §5.1.2). */
class WorkloadLocalityTest {

  /** Distinct locality clusters touched by each update batch (ids) of the stream. */
  private static List<Integer> updateDiversity(WorkloadParams params) {
    WorkloadGenerator generator = new WorkloadGenerator(BASE, QUERIES, Metric.L2, params);
    int[] clusterOf = generator.clusters().clusterOf();
    List<Integer> diversity = new ArrayList<>();
    for (WorkloadOperation op : drain(generator.stream())) {
      long[] ids = switch (op) {
        case Insert insert -> insert.ids();
        case Delete delete -> delete.ids();
        case Query query -> null;
      };
      if (ids != null) {
        diversity.add((int) Arrays.stream(ids).map(id -> clusterOf[(int) id]).distinct().count());
      }
    }
    return diversity;
  }

  @Test
  void wholeClusterSamplingTakesWholeClustersOneAtATime() {
    // CSF 1.0: a batch takes every eligible vector of a cluster before it moves to another, so its ids form one run
    // per cluster and every run but the last empties its cluster (the eligible vectors being the never-inserted ones
    // for an insert and the resident ones for a delete). Simulated against the stream.
    WorkloadParams params = small().withInsertDeleteRatio(2).withUpdateClusterSampleFraction(1.0);
    WorkloadGenerator generator = new WorkloadGenerator(BASE, QUERIES, Metric.L2, params);
    int[] clusterOf = generator.clusters().clusterOf();
    WorkloadStream stream = generator.stream();
    Set<Long> resident = new HashSet<>();
    Set<Long> used = new HashSet<>();
    for (long id : stream.initial().ids()) {
      resident.add(id);
      used.add(id);
    }
    int insertBatches = 0;
    int singleClusterInserts = 0;
    while (stream.hasNext()) {
      WorkloadOperation op = stream.next();
      if (op instanceof Query) {
        continue;
      }
      boolean insert = op instanceof Insert;
      long[] ids = insert ? ((Insert) op).ids() : ((Delete) op).ids();
      int[] eligible = new int[generator.clusters().count()];
      for (int id = 0; id < BASE.count(); id++) {
        if (insert ? !used.contains((long) id) : resident.contains((long) id)) {
          eligible[clusterOf[id]]++;
        }
      }
      List<int[]> runs = new ArrayList<>(); // {cluster, length}
      for (long id : ids) {
        int c = clusterOf[(int) id];
        if (runs.isEmpty() || runs.getLast()[0] != c) {
          runs.add(new int[] {c, 0});
        }
        runs.getLast()[1]++;
      }
      assertEquals(runs.size(), runs.stream().mapToInt(r -> r[0]).distinct().count(), "a cluster was revisited");
      for (int r = 0; r < runs.size() - 1; r++) {
        assertEquals(eligible[runs.get(r)[0]], runs.get(r)[1], "batch left cluster " + runs.get(r)[0] + " early");
      }
      for (long id : ids) {
        if (insert) {
          resident.add(id);
          used.add(id);
        } else {
          resident.remove(id);
        }
      }
      if (insert) {
        insertBatches++;
        singleClusterInserts += runs.size() == 1 ? 1 : 0;
      }
    }
    // ~180 never-inserted vectors per cluster and batches of 50: most inserts come from a single cluster.
    assertTrue(singleClusterInserts >= 0.7 * insertBatches, singleClusterInserts + " of " + insertBatches
        + " insert batches came from one cluster");
  }

  @Test
  void smallClusterSampleFractionSpreadsUpdatesAcrossManyClusters() {
    // CSF 0.005 of ~200 vectors is one vector per pick: 50 picks weighted by pool size over 20 clusters.
    List<Integer> diversity = updateDiversity(small().withInsertDeleteRatio(2).withUpdateClusterSampleFraction(0.005));
    double mean = diversity.stream().mapToInt(Integer::intValue).average().orElseThrow();
    assertTrue(mean >= 14, "mean clusters per batch " + mean + " for CSF 0.005: " + diversity);
    assertTrue(diversity.stream().allMatch(d -> d >= 8), "a batch stayed local: " + diversity);
  }

  @Test
  void clusterSampledQueriesFollowTheQuerySampleFraction() {
    WorkloadParams local = small().withReadWriteRatio(1.0).withClusterSampledQueries(1.0).withSteps(6);
    WorkloadParams spread = small().withReadWriteRatio(1.0).withClusterSampledQueries(0.005).withSteps(6);
    for (int[] bounds : new int[][] {{1, 1}, {8, 20}}) {
      WorkloadParams params = bounds[0] == 1 ? local : spread;
      WorkloadGenerator generator = new WorkloadGenerator(BASE, QUERIES, Metric.L2, params);
      int[] clusterOf = generator.clusters().clusterOf();
      // Cluster-sampled queries are copies of base rows: map each back to its row to find its cluster.
      java.util.Map<String, Integer> rowOf = new java.util.HashMap<>();
      for (int r = 0; r < BASE.count(); r++) {
        rowOf.put(Arrays.toString(Arrays.copyOfRange(BASE.values(), r * 16, r * 16 + 16)), r);
      }
      int batches = 0;
      for (WorkloadOperation op : drain(generator.stream())) {
        if (op instanceof Query query) {
          batches++;
          assertEquals(50, query.count());
          Set<Integer> touched = new HashSet<>();
          for (int i = 0; i < query.count(); i++) {
            touched.add(clusterOf[rowOf.get(Arrays.toString(query.vector(i)))]);
          }
          assertTrue(touched.size() >= bounds[0] && touched.size() <= bounds[1],
              "query batch touched " + touched.size() + " clusters, expected " + Arrays.toString(bounds));
        }
      }
      assertEquals(6, batches);
    }
  }
  @Test
  void queriesConfinedToHotClustersComeFromTheSameFewClustersThroughout() {
    // CSF_q 0.005 spreads each batch over every cluster it may use; with 3 query clusters that is the same 3 all along.
    WorkloadParams params = small().withReadWriteRatio(1.0).withClusterSampledQueries(0.005).withQueryClusters(3)
        .withSteps(6);
    WorkloadGenerator generator = new WorkloadGenerator(BASE, QUERIES, Metric.L2, params);
    int[] clusterOf = generator.clusters().clusterOf();
    java.util.Map<String, Integer> rowOf = new java.util.HashMap<>();
    for (int r = 0; r < BASE.count(); r++) {
      rowOf.put(Arrays.toString(Arrays.copyOfRange(BASE.values(), r * 16, r * 16 + 16)), r);
    }
    Set<Integer> all = new HashSet<>();
    int batches = 0;
    for (WorkloadOperation op : drain(generator.stream())) {
      if (op instanceof Query query) {
        batches++;
        Set<Integer> touched = new HashSet<>();
        for (int i = 0; i < query.count(); i++) {
          touched.add(clusterOf[rowOf.get(Arrays.toString(query.vector(i)))]);
        }
        assertEquals(3, touched.size(), "a batch of 50 spread queries reaches all 3 query clusters");
        all.addAll(touched);
      }
    }
    assertEquals(6, batches);
    assertEquals(3, all.size(), "the query clusters are chosen once for the stream: " + all);
  }

  @Test
  void queryClustersAreValidated() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> small().withQueryClusters(21), "more query clusters than the 20 locality clusters");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> small().withQueryClusters(-1));
  }
}
