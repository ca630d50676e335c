package dev.quiver.index.maintenance;

import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.search.SearchParams;
import java.util.SplittableRandom;

/**
 * An index whose partitions are known: {@value #CLUSTERS} well-separated Gaussian clusters of exactly
 * {@value #PER_CLUSTER} points each, indexed with one partition per cluster, so every partition starts at the target
 * size and no policy finds anything to do until a test changes something.
 */
final class MaintenanceFixture {

  static final int DIM = 16;
  static final int CLUSTERS = 40;
  static final int PER_CLUSTER = 100;

  final float[] centres;
  final IvfIndex index;
  private final SplittableRandom random;
  private long nextId = CLUSTERS * PER_CLUSTER;

  MaintenanceFixture(long seed) {
    random = new SplittableRandom(seed);
    centres = new float[CLUSTERS * DIM];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (random.nextDouble() * 200 - 100);
    }
    float[] points = new float[CLUSTERS * PER_CLUSTER * DIM];
    long[] ids = new long[CLUSTERS * PER_CLUSTER];
    for (int c = 0; c < CLUSTERS; c++) {
      for (int i = 0; i < PER_CLUSTER; i++) {
        int row = c * PER_CLUSTER + i;
        ids[row] = row;
        System.arraycopy(near(centres, c, 1.0), 0, points, row * DIM, DIM);
      }
    }
    // k-means may merge two of the clusters and split another; a restore places every point in its own cluster's
    // partition around the true centre, with the calibration of an ordinary build.
    IvfParams params = IvfParams.of(DIM, Metric.L2, CLUSTERS, seed);
    IvfIndex built = IvfIndex.build(points, ids, params);
    int[] assignment = new int[ids.length];
    for (int row = 0; row < ids.length; row++) {
      assignment[row] = row / PER_CLUSTER;
    }
    index = IvfIndex.restore(points, ids, assignment, params, centres, built.modelDimensionsByK());
  }

  /** A point around {@code centre}'s row of {@code centres}, with unit-variance noise times {@code spread}. */
  float[] near(float[] points, int row, double spread) {
    float[] v = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      v[j] = points[row * DIM + j] + (float) (random.nextGaussian() * spread);
    }
    return v;
  }

  /** The partition whose centroid is nearest cluster {@code c}'s centre. */
  PartitionStats partitionOfCluster(int c) {
    long id = index.nearestPartitionIds(java.util.Arrays.copyOfRange(centres, c * DIM, (c + 1) * DIM), 1)[0];
    for (PartitionStats p : index.partitionStats()) {
      if (p.id() == id) {
        return p;
      }
    }
    throw new AssertionError("no partition " + id);
  }

  /** The stats of the partition at index {@code p} now. */
  PartitionStats partitionStats(int p) {
    return index.partitionStats()[p];
  }

  /** Inserts {@code count} new points around the centroid of {@code p}; returns the first new id. */
  long insertAround(PartitionStats p, int count) {
    long first = nextId;
    for (int i = 0; i < count; i++) {
      index.insert(nextId++, near(p.centroid(), 0, 0.5));
    }
    return first;
  }

  /** Runs {@code count} searches around the centroid of {@code p} at recall 0.9 (they heat it). */
  void queryAround(PartitionStats p, int count) {
    for (int i = 0; i < count; i++) {
      index.search(near(p.centroid(), 0, 0.5), SearchParams.forRecall(10, 0.9));
    }
  }

  static boolean contains(IvfIndex index, long partitionId) {
    for (PartitionStats p : index.partitionStats()) {
      if (p.id() == partitionId) {
        return true;
      }
    }
    return false;
  }
}
