package dev.quiver.index.maintenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.ivf.RebuildProgress;
import dev.quiver.index.ivf.RegionChange;
import dev.quiver.index.ivf.ScanCostProfile;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's maintenance actions: region reclustering, the delta store, online rebuilds, and searches meanwhile. */
class IndexMaintenanceTest {

  @Test
  void reclusterReplacesARegionWithFreshPartitionIds() {
    MaintenanceFixture f = new MaintenanceFixture(21);
    Map<Long, float[]> expected = allVectors(f.index);
    PartitionStats[] stats = f.index.partitionStats();
    long[] region = {stats[3].id(), stats[17].id(), stats[39].id()};
    long maxId = 0;
    for (PartitionStats p : stats) {
      maxId = Math.max(maxId, p.id());
    }
    RegionChange change = locked(f.index, () -> f.index.recluster(region, null, 5, 5, false, 1).commit());
    assertEquals(42, f.index.nlist());
    assertEquals(5, change.createdIds().length);
    for (long id : change.createdIds()) {
      assertTrue(id > maxId, "partition ids are never reused: " + id);
    }
    assertEquals(300, change.vectorsMoved());
    MaintenancePoliciesTest.assertExactly(f.index, expected, "after recluster");
    assertExactSearchesAgree(f.index, expected, 20, 22);

    // Fewer partitions back than went in: the last partitions move into the holes, and every location follows.
    PartitionStats[] now = f.index.partitionStats();
    long[] merge = {now[0].id(), now[1].id(), now[2].id(), now[3].id()};
    locked(f.index, () -> f.index.recluster(merge, null, 1, 5, false, 1).commit());
    assertEquals(39, f.index.nlist());
    MaintenancePoliciesTest.assertExactly(f.index, expected, "after merge");
  }

  @Test
  void aDroppedReclusterChangesNothingAndAStaleOneIsRefused() {
    MaintenanceFixture f = new MaintenanceFixture(22);
    PartitionStats[] stats = f.index.partitionStats();
    locked(f.index, () -> {
      IvfIndex.Recluster dropped = f.index.recluster(new long[] {stats[0].id()}, null, 2, 5, false, 1);
      assertEquals(100, dropped.sizes()[0] + dropped.sizes()[1]);
      IvfIndex.Recluster stale = f.index.recluster(new long[] {stats[1].id()}, null, 2, 5, false, 1);
      f.index.recluster(new long[] {stats[1].id()}, null, 3, 5, false, 1).commit();
      assertNull(stale.commit(), "its source partition was replaced meanwhile");
      return null;
    });
    assertEquals(42, f.index.nlist());
    assertTrue(MaintenanceFixture.contains(f.index, stats[0].id()));
    assertThrows(IllegalStateException.class, () -> f.index.recluster(new long[] {stats[2].id()}, null, 2, 1, false,
        1), "maintenance requires the maintenance lock");
    assertThrows(IllegalArgumentException.class, () -> locked(f.index, () -> f.index.recluster(new long[] {12345},
        null, 2, 1, false, 1)));
  }

  @Test
  void rowsWrittenToARegionWhileItIsComputedArePlacedOnCommit() {
    MaintenanceFixture f = new MaintenanceFixture(23);
    PartitionStats p = f.index.partitionStats()[5];
    locked(f.index, () -> {
      IvfIndex.Recluster split = f.index.recluster(new long[] {p.id()}, null, 2, 5, false, 1);
      long first = f.insertAround(p, 10);
      f.index.delete(first); // a row that came and went
      f.index.delete(firstIdIn(f.index, p.index())); // and a row the computation had seen
      split.commit();
      return null;
    });
    Map<Long, float[]> expected = allVectors(f.index);
    MaintenancePoliciesTest.assertExactly(f.index, expected, "after commit");
    assertEquals(MaintenanceFixture.CLUSTERS * MaintenanceFixture.PER_CLUSTER + 10 - 2, f.index.size());
  }

  @Test
  void deltaStoreBuffersInsertsThatEverySearchSees() {
    MaintenanceFixture f = new MaintenanceFixture(24);
    f.index.setDeltaCapacity(50);
    Map<Long, float[]> expected = allVectors(f.index);
    SplittableRandom random = new SplittableRandom(3);
    for (long id = 50_000; id < 50_120; id++) {
      float[] v = f.near(f.centres, random.nextInt(MaintenanceFixture.CLUSTERS), 1.0);
      f.index.insert(id, v);
      expected.put(id, v);
    }
    assertEquals(20, f.index.deltaSize(), "flushed at 50 and 100");
    float[] moved = f.near(f.centres, 1, 1.0);
    f.index.update(50_110, moved); // a buffered row updated in place
    expected.put(50_110L, moved);
    f.index.delete(50_111);
    expected.remove(50_111L);
    assertEquals(-1, f.index.partitionOf(50_110), "still buffered");
    SearchResult self = f.index.search(moved, dev.quiver.index.search.SearchParams.forRecall(1, 0.9));
    assertEquals(50_110, self.ids()[0], "an APS search finds a buffered row");
    MaintenancePoliciesTest.assertExactly(f.index, expected, "with a delta store");
    assertExactSearchesAgree(f.index, expected, 20, 25);
    f.index.setDeltaCapacity(0);
    assertEquals(0, f.index.deltaSize());
    MaintenancePoliciesTest.assertExactly(f.index, expected, "after disabling it");
  }

  @Test
  void onlineRebuildKeepsWritesMadeWhileItTrains() throws Exception {
    MaintenanceFixture f = new MaintenanceFixture(25);
    f.index.setDeltaCapacity(30);
    Map<Long, float[]> expected = Collections.synchronizedMap(allVectors(f.index));
    AtomicBoolean training = new AtomicBoolean();
    AtomicBoolean writerDone = new AtomicBoolean();
    List<RebuildProgress.Phase> phases = new CopyOnWriteArrayList<>();
    Thread writer = new Thread(() -> {
      SplittableRandom random = new SplittableRandom(5);
      List<Long> live = new ArrayList<>(expected.keySet());
      long next = 70_000;
      while (!training.get()) {
        Thread.onSpinWait();
      }
      for (int op = 0; op < 3_000; op++) {
        if (random.nextInt(3) > 0) {
          float[] v = f.near(f.centres, random.nextInt(MaintenanceFixture.CLUSTERS), 1.0);
          f.index.insert(next, v);
          expected.put(next, v);
          live.add(next++);
        } else {
          long id = live.remove(random.nextInt(live.size()));
          f.index.delete(id);
          expected.remove(id);
        }
      }
      writerDone.set(true);
    });
    writer.start();
    locked(f.index, () -> f.index.rebuild(20, phase -> {
      phases.add(phase);
      if (phase == RebuildProgress.Phase.TRAINING) {
        training.set(true);
      }
      if (phase == RebuildProgress.Phase.REPLAYING) {
        while (!writerDone.get()) { // hold the publication until every write went to the old partitioning
          Thread.onSpinWait();
        }
      }
    }));
    writer.join();
    assertEquals(List.of(RebuildProgress.Phase.SNAPSHOT, RebuildProgress.Phase.TRAINING,
        RebuildProgress.Phase.ASSIGNING, RebuildProgress.Phase.CALIBRATING, RebuildProgress.Phase.REPLAYING,
        RebuildProgress.Phase.DONE), phases);
    assertEquals(20, f.index.nlist());
    MaintenancePoliciesTest.assertExactly(f.index, new HashMap<>(expected), "after an online rebuild");
    assertExactSearchesAgree(f.index, new HashMap<>(expected), 20, 26);
  }

  @Test
  void anObserverHearsEveryRebuildEvenOneAPolicyStarts() {
    MaintenanceFixture f = new MaintenanceFixture(28);
    List<RebuildProgress.Phase> heard = new CopyOnWriteArrayList<>();
    f.index.setRebuildObserver(heard::add);
    RebuildPolicy policy = new RebuildPolicy(new RebuildPolicy.Params(0.01, 0));
    MaintenancePasses.run(f.index, policy);
    f.insertAround(f.partitionStats(0), 50);
    assertEquals(MaintenanceAction.Kind.REBUILD, MaintenancePasses.run(f.index, policy).get(0).kind());
    assertEquals(List.of(RebuildProgress.Phase.SNAPSHOT, RebuildProgress.Phase.TRAINING,
        RebuildProgress.Phase.ASSIGNING, RebuildProgress.Phase.CALIBRATING, RebuildProgress.Phase.REPLAYING,
        RebuildProgress.Phase.DONE), heard);
    List<String> failures = new CopyOnWriteArrayList<>();
    f.index.setRebuildObserver(new RebuildProgress() {
      @Override
      public void phase(Phase phase) {}

      @Override
      public void failed(Throwable cause) {
        failures.add(cause.getMessage());
      }
    });
    assertThrows(IllegalArgumentException.class, () -> locked(f.index, () -> f.index.rebuild(0, null)));
    assertEquals(1, failures.size(), "a refused rebuild is reported as failed, so no job outlives it");
  }

  @Test
  void aPassRecalibratesApsOnceThePartitionCountMovedFarAndLeavesNoTraceInTheStatistics() {
    MaintenanceFixture f = new MaintenanceFixture(29);
    PartitionStats[] stats = f.index.partitionStats();
    long[] half = new long[20];
    for (int i = 0; i < half.length; i++) {
      half[i] = stats[i].id();
    }
    locked(f.index, () -> f.index.recluster(half, null, 60, 3, false, 1).commit()); // 40 → 80 partitions: 2×
    assertEquals(40, f.index.calibratedNlist());
    long[] accesses = f.index.partitionAccessCounts();
    double[] temperatures = java.util.Arrays.stream(f.index.partitionStats()).mapToDouble(PartitionStats::temperature)
        .toArray();

    List<MaintenanceAction> actions = MaintenancePasses.run(f.index, new FrozenPolicy());

    assertEquals(List.of(MaintenanceAction.Kind.RECALIBRATE), actions.stream().map(MaintenanceAction::kind).toList());
    assertEquals(80, f.index.calibratedNlist());
    assertArrayEquals(accesses, f.index.partitionAccessCounts(), "calibration scans are not user traffic");
    assertArrayEquals(temperatures, java.util.Arrays.stream(f.index.partitionStats())
        .mapToDouble(PartitionStats::temperature).toArray());
    assertEquals(List.of(), MaintenancePasses.run(f.index, new FrozenPolicy()), "once is enough");
    assertExactSearchesAgree(f.index, allVectors(f.index), 10, 30);
  }

  @Test
  void searchesDuringMaintenanceReturnExactResults() throws Exception {
    MaintenanceFixture f = new MaintenanceFixture(26);
    Map<Long, float[]> expected = new java.util.concurrent.ConcurrentHashMap<>(allVectors(f.index));
    long[] ids = expected.keySet().stream().mapToLong(Long::longValue).toArray();
    float[] points = new float[ids.length * MaintenanceFixture.DIM];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(expected.get(ids[i]), 0, points, i * MaintenanceFixture.DIM, MaintenanceFixture.DIM);
    }
    float[][] queries = new float[30][];
    int[] clusters = new int[queries.length];
    long[][] truth = new long[queries.length][];
    SplittableRandom random = new SplittableRandom(7);
    for (int q = 0; q < queries.length; q++) {
      clusters[q] = random.nextInt(MaintenanceFixture.CLUSTERS);
      queries[q] = f.near(f.centres, clusters[q], 3.0);
      truth[q] = TestVectors.bruteForce(points, ids, MaintenanceFixture.DIM, queries[q], 10, Metric.L2);
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger searches = new AtomicInteger();
    List<String> wrong = new CopyOnWriteArrayList<>();
    // Exact searches must give the truth throughout. APS searches (batched too) may miss neighbours, but each answer
    // must still be true: distinct ids of the indexed rows, with their real distances, nearest first. A partition
    // published with its vectors and ids out of step, or a row seen twice, would break that.
    Thread searcher = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        int q = i % queries.length;
        long[] got = f.index.exactSearch(queries[q], 10).ids();
        if (!java.util.Arrays.equals(truth[q], got)) {
          wrong.add("query " + q + ": " + java.util.Arrays.toString(got));
        }
        checkAnswer("aps query " + q, queries[q], f.index.search(queries[q], SearchParams.forRecall(10, 0.9)),
            expected, wrong);
        if (i % 10 == 0) {
          SearchResult[] batch = f.index.searchBatch(queries, SearchParams.forRecall(10, 0.9));
          for (int b = 0; b < batch.length; b++) {
            checkAnswer("batched query " + b, queries[b], batch[b], expected, wrong);
          }
        }
        searches.incrementAndGet();
      }
    });
    searcher.start();
    MaintenancePolicy lire = new LirePolicy(new LirePolicy.Params(150, 60, 5, 0, 1));
    // Settings under which each policy acts on what a round does: rows inserted 40 away from a queried cluster's
    // centre (in its partition, never among a query's 10 nearest, so the truth stands) make that partition
    // oversized, modified and hot. Ada-IVF reindexes at any deviation (τ_f 0); Quake's profile has no fixed cost,
    // so splitting a partition of s rows read by a fraction a of the queries pays once a·s > 10.
    MaintenancePolicy ada = new AdaIvfPolicy(new AdaIvfPolicy.Params(60, 0, 1, 0.5, 5, 2, 0.5, 1e9, 3));
    MaintenancePolicy quake = new QuakePolicy(new QuakePolicy.Params(0.9, 0, 5, 1, 1, 16, 3),
        ScanCostProfile.linear(0, 20));
    long nextId = 10_000_000;
    Map<String, List<MaintenanceAction>> acted = new HashMap<>();
    for (int r = 0; r < 8; r++) {
      int round = r;
      PartitionStats[] stats = f.index.partitionStats();
      long[] region = {stats[round % stats.length].id(), stats[(round + 7) % stats.length].id()};
      locked(f.index, () -> f.index.recluster(region, null, round % 3 + 1, 3, false, round).commit());
      for (int i = 0; i < 400; i++) {
        float[] far = f.near(f.centres, clusters[round], 1.0);
        far[i % MaintenanceFixture.DIM] += 40;
        expected.put(nextId, far);
        f.index.insert(nextId++, far);
      }
      MaintenancePolicy policy = round % 3 == 0 ? lire : round % 3 == 1 ? ada : quake;
      acted.computeIfAbsent(policy.name(), name -> new ArrayList<>()).addAll(MaintenancePasses.run(f.index, policy));
      locked(f.index, () -> f.index.moveCentroidsToMeans(null));
      if (round % 4 == 3) {
        locked(f.index, () -> f.index.rebuild(30 + round, null));
      }
    }
    stop.set(true);
    searcher.join();
    assertTrue(searches.get() > 0);
    assertEquals(List.of(), wrong);
    for (String policy : new String[] {"lire", "ada-ivf", "quake"}) { // each changed the index while searches ran
      assertTrue(acted.getOrDefault(policy, List.of()).stream().anyMatch(
          a -> a.kind() != MaintenanceAction.Kind.ROLLBACK && a.kind() != MaintenanceAction.Kind.RECALIBRATE),
          policy + ": " + acted);
    }
  }

  /** Records in {@code wrong} what is untrue in an answer: an unknown or repeated id, a wrong distance, bad order. */
  private static void checkAnswer(String what, float[] query, SearchResult answer, Map<Long, float[]> rows,
      List<String> wrong) {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    float previous = 0;
    for (int i = 0; i < answer.ids().length; i++) {
      long id = answer.ids()[i];
      float[] row = rows.get(id);
      if (row == null || !seen.add(id)) {
        wrong.add(what + ": id " + id + (row == null ? " is not indexed" : " appears twice"));
        return;
      }
      double real = Math.sqrt(VectorKernels.squaredL2(query, row));
      float distance = answer.distances()[i];
      if (Math.abs(distance - real) > 1e-4 * Math.max(1, real) || distance < previous) {
        wrong.add(what + ": id " + id + " at " + distance + " (real " + real + ", previous " + previous + ")");
        return;
      }
      previous = distance;
    }
    if (answer.ids().length != 10) {
      wrong.add(what + ": " + answer.ids().length + " results");
    }
  }

  @Test
  void workerRunsPassesInTheBackgroundAndOnDemand() throws Exception {
    MaintenanceFixture f = new MaintenanceFixture(27);
    List<MaintenanceAction> heard = new CopyOnWriteArrayList<>();
    try (MaintenanceWorker worker = new MaintenanceWorker("test", () -> f.index,
        new LirePolicy(LirePolicy.Params.DEFAULT), new MaintenanceWorker.Params(20, 100), heard::addAll)) {
      f.insertAround(f.partitionStats(2), 150);
      worker.wrote(150);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (heard.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(heard.stream().anyMatch(a -> a.kind() == MaintenanceAction.Kind.SPLIT), heard.toString());
      worker.setPolicy(new FrozenPolicy());
      f.insertAround(f.partitionStats(4), 150);
      assertEquals(List.of(), worker.runNow());
      worker.setPolicy(new LirePolicy(LirePolicy.Params.DEFAULT));
      assertTrue(worker.runNow().stream().anyMatch(a -> a.kind() == MaintenanceAction.Kind.SPLIT));
    }
  }

  private static long firstIdIn(IvfIndex index, int partition) {
    for (long id = 0; ; id++) {
      if (index.partitionOf(id) == partition) {
        return id;
      }
    }
  }

  static Map<Long, float[]> allVectors(IvfIndex index) {
    Map<Long, float[]> all = new HashMap<>();
    for (long id = 0; id < 20_000; id++) { // the fixture's ids and those its inserts add
      if (index.contains(id)) {
        all.put(id, index.vector(id));
      }
    }
    return all;
  }

  private static void assertExactSearchesAgree(IvfIndex index, Map<Long, float[]> expected, int queries, long seed) {
    long[] ids = expected.keySet().stream().mapToLong(Long::longValue).toArray();
    int dim = MaintenanceFixture.DIM;
    float[] points = new float[ids.length * dim];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(expected.get(ids[i]), 0, points, i * dim, dim);
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int q = 0; q < queries; q++) {
      float[] query = expected.get(ids[random.nextInt(ids.length)]).clone();
      query[0] += 1f;
      assertArrayEquals(TestVectors.bruteForce(points, ids, dim, query, 10, Metric.L2),
          index.exactSearch(query, 10).ids(), "query " + q);
    }
  }

  private static <T> T locked(IvfIndex index, java.util.function.Supplier<T> action) {
    index.maintenanceLock().lock();
    try {
      return action.get();
    } finally {
      index.maintenanceLock().unlock();
    }
  }
}
