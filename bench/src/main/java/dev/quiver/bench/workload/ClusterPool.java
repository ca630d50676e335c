package dev.quiver.bench.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A set of base row ids grouped by locality cluster, with constant-time add, remove and uniform random removal
 * within one cluster: the generator keeps one pool of resident ids and one of not-yet-inserted ids.
 *
 * <p>Each cluster's members are a dense array prefix; removal swaps the last member into the hole, and
 * {@code position} maps an id to its slot (-1 when absent), so membership is O(1) without hashing.
 */
final class ClusterPool {

  private final LocalityClusters clusters;
  private final int[][] members;
  private final int[] sizes;
  private final int[] position;
  private int total;

  /** An empty pool over the clusters of {@code clusters}. */
  ClusterPool(LocalityClusters clusters) {
    this.clusters = clusters;
    this.members = new int[clusters.count()][];
    for (int c = 0; c < clusters.count(); c++) {
      members[c] = new int[clusters.sizes()[c]];
    }
    this.sizes = new int[clusters.count()];
    this.position = new int[clusters.rows()];
    Arrays.fill(position, -1);
  }

  /** Number of ids in the pool. */
  int total() {
    return total;
  }

  /** Number of ids of cluster {@code c} in the pool. */
  int size(int c) {
    return sizes[c];
  }

  /** Number of clusters. */
  int clusterCount() {
    return sizes.length;
  }

  /** Whether {@code id} is in the pool. */
  boolean contains(int id) {
    return position[id] >= 0;
  }

  /** Adds {@code id}, which must not be in the pool. */
  void add(int id) {
    if (position[id] >= 0) {
      throw new IllegalStateException("id " + id + " is already in the pool");
    }
    int c = clusters.clusterOf()[id];
    members[c][sizes[c]] = id;
    position[id] = sizes[c]++;
    total++;
  }

  /** Removes {@code id}, which must be in the pool. */
  void remove(int id) {
    int slot = position[id];
    if (slot < 0) {
      throw new IllegalStateException("id " + id + " is not in the pool");
    }
    int c = clusters.clusterOf()[id];
    int last = members[c][--sizes[c]];
    members[c][slot] = last;
    position[last] = slot;
    position[id] = -1;
    total--;
  }

  /** Removes and returns a uniformly random id of cluster {@code c}, which must not be empty. */
  int removeRandom(int c, SplittableRandom random) {
    int id = members[c][random.nextInt(sizes[c])];
    remove(id);
    return id;
  }

  /** Returns a uniformly random id of cluster {@code c} without removing it; the cluster must not be empty. */
  int pickRandom(int c, SplittableRandom random) {
    return members[c][random.nextInt(sizes[c])];
  }
}
