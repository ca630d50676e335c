package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Read temperature says where queries go, not how many partitions each scans: uniform reads leave every partition
 * near 1 however deep the scans, reads confined to one region heat exactly the partitions they scan.
 */
class ReadTemperatureTest {

  private static final int DIM = 8;
  private static final int NLIST = 40;

  /** 8,000 uniform points in the unit cube, 40 partitions: no region is denser than another. */
  private static IvfIndex uniformIndex(SplittableRandom random) {
    int n = 8_000;
    float[] points = new float[n * DIM];
    for (int i = 0; i < points.length; i++) {
      points[i] = (float) random.nextDouble();
    }
    long[] ids = new long[n];
    Arrays.setAll(ids, i -> i);
    return IvfIndex.build(points, ids, IvfParams.of(DIM, Metric.L2, NLIST, 7));
  }

  private static float[] uniformPoint(SplittableRandom random) {
    float[] q = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      q[j] = (float) random.nextDouble();
    }
    return q;
  }

  private static double[] temperatures(IvfIndex index) {
    return Arrays.stream(index.partitionStats()).mapToDouble(PartitionStats::temperature).toArray();
  }

  @Test
  void uniformReadsKeepEveryPartitionNearOneHoweverManyEachQueryScans() {
    SplittableRandom random = new SplittableRandom(1);
    IvfIndex index = uniformIndex(random);
    // A quarter of the partitions per query: Alg. 3's multiplicative rule (η = 0.01, ν = 0.001) heats a partition
    // scanned by more than about a tenth of the queries without bound, so under these reads every one ran to the cap.
    for (int i = 0; i < 3_000; i++) {
      index.search(uniformPoint(random), SearchParams.fixedNprobe(10, NLIST / 4));
    }
    double[] t = temperatures(index);
    double max = Arrays.stream(t).max().orElseThrow();
    assertTrue(max < 2.5, "uniform reads heat no partition far above the mean rate: " + Arrays.toString(t));
  }

  @Test
  void readsConfinedToOneRegionHeatThePartitionsTheyScanAndNoOthers() {
    SplittableRandom random = new SplittableRandom(2);
    IvfIndex index = uniformIndex(random);
    float[] corner = new float[DIM]; // queries near the origin: a few of the 40 partitions serve them all
    int nprobe = 4;
    for (int i = 0; i < 2_000; i++) {
      float[] q = new float[DIM];
      for (int j = 0; j < DIM; j++) {
        q[j] = corner[j] + (float) (random.nextDouble() * 0.05);
      }
      index.search(q, SearchParams.fixedNprobe(10, nprobe));
    }
    PartitionStats[] stats = index.partitionStats();
    long[] nearest = index.nearestPartitionIds(corner, 1);
    int hot = 0;
    for (PartitionStats p : stats) {
      if (p.accessCount() == 0) {
        assertEquals(1.0, p.temperature(), 1e-12, "a partition no query scanned stays at 1");
      }
      if (p.id() == nearest[0]) {
        // Scanned by every query with proximity 1, while the mean over 40 partitions is at most nprobe/40 of that.
        assertTrue(p.temperature() > 5, "the partition nearest every query is hot: T = " + p.temperature());
      }
      hot += p.temperature() > 2 ? 1 : 0;
    }
    assertTrue(hot <= 2 * nprobe, "only partitions the queries scan heat: " + Arrays.toString(temperatures(index)));
  }
}
