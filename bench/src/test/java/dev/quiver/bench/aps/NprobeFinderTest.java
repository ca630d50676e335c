package dev.quiver.bench.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NprobeFinderTest {

  private static final long SEED = 11;
  private static final int K = 10;
  private static final int NLIST = 40;
  private static final double[] TARGETS = {0.5, 0.8, 0.9, 1.0};
  private static final double EPS = NprobeFinder.TOLERANCE;

  private static IvfIndex index;
  private static float[][] queries;
  private static long[][] truth;

  @BeforeAll
  static void buildTinyIndex() {
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(4_000, 16, SEED));
    FloatRows base = generator.base(1);
    long[] ids = new long[base.count()];
    Arrays.setAll(ids, i -> i);
    index = IvfIndex.build(base.values(), ids, IvfParams.of(base.dim(), Metric.L2, NLIST, SEED));
    FloatRows rows = generator.queries(60, 1);
    queries = new float[rows.count()][];
    truth = new long[rows.count()][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Arrays.copyOfRange(rows.values(), q * rows.dim(), (q + 1) * rows.dim());
      truth[q] = index.exactSearch(queries[q], K).ids();
    }
  }

  /** Recall@K against the exact search, computed afresh (not through the finder's memo). */
  private static double recall(int q, long[] ids) {
    long hits = Arrays.stream(ids).limit(K).filter(id -> Arrays.stream(truth[q]).anyMatch(t -> t == id)).count();
    return (double) hits / K;
  }

  private static double searchRecall(int q, int nprobe) {
    return recall(q, index.search(queries[q], SearchParams.fixedNprobe(K, nprobe)).ids());
  }

  private static double meanSearchRecall(int nprobe) {
    double sum = 0;
    for (int q = 0; q < queries.length; q++) {
      sum += searchRecall(q, nprobe);
    }
    return sum / queries.length;
  }

  @Test
  void oracleNprobeReachesTheTargetAndOneLessDoesNot() {
    NprobeFinder finder = new NprobeFinder(index, queries, K, NprobeFinderTest::recall);
    int nontrivial = 0;
    for (double target : TARGETS) {
      for (int q = 0; q < queries.length; q++) {
        int p = finder.oracleNprobe(q, target);
        String where = "query " + q + ", target " + target + ", oracle nprobe " + p;
        if (p < 0) {
          assertTrue(searchRecall(q, NLIST) < target - EPS, where);
          continue;
        }
        assertTrue(searchRecall(q, p) >= target - EPS, where);
        if (p > 1) {
          nontrivial++;
          assertTrue(searchRecall(q, p - 1) < target - EPS, where);
        }
      }
    }
    // The check above is only meaningful if some queries need more than the nearest partition.
    assertTrue(nontrivial > queries.length, "too few queries need more than one partition: " + nontrivial);
  }

  @Test
  void smallestFixedNprobeIsTheFirstWhoseMeanRecallReachesTheTarget() {
    NprobeFinder finder = new NprobeFinder(index, queries, K, NprobeFinderTest::recall);
    int previous = 0;
    for (double target : TARGETS) {
      int p = finder.smallestFixedNprobe(target);
      assertTrue(p >= 1 && p <= NLIST, "target " + target + ": nprobe " + p);
      assertTrue(meanSearchRecall(p) >= target - EPS, "target " + target + ": nprobe " + p);
      if (p > 1) {
        assertTrue(meanSearchRecall(p - 1) < target - EPS,
            "target " + target + ": nprobe " + (p - 1) + " reaches it too");
      }
      assertTrue(p >= previous, "a higher target needs at least as many partitions");
      previous = p;
      assertTrue(finder.fixedNprobesVisited().contains(p));
    }
    assertEquals(meanSearchRecall(7), finder.meanRecallAt(7), 1e-6);
  }

  @Test
  void memoisedRecallSearchesEachPairOnce() {
    NprobeFinder finder = new NprobeFinder(index, queries, K, NprobeFinderTest::recall);
    finder.oracleNprobe(0, 0.9);
    long searches = finder.searches();
    assertEquals(searchRecall(0, 3), finder.recallAt(0, 3), 1e-6);
    finder.oracleNprobe(0, 0.9);
    assertTrue(finder.searches() <= searches + 1, "repeating a search must reuse the memo");
  }

  @Test
  void smallestReachingFindsEveryThresholdOrReportsNone() {
    for (int max : new int[] {1, 2, 7, 64, 100}) {
      for (int answer = 1; answer <= max; answer++) {
        int threshold = answer;
        assertEquals(answer, NprobeFinder.smallestReaching(max, p -> p >= threshold), "max " + max);
      }
      assertEquals(-1, NprobeFinder.smallestReaching(max, p -> false), "max " + max);
    }
  }
}
