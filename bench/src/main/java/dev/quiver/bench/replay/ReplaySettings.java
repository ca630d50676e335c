package dev.quiver.bench.replay;

/**
 * How a recorded workload is replayed, the same for every method of one invocation; validated when built.
 *
 * @param targetSize τ_s, the partition size in vectors every policy aims at, at least 1; default
 *     {@value #DEFAULT_TARGET_SIZE} (the Ada-IVF paper's, §5.1.3, for every policy). It is passed to the policies
 *     only through the initial index: nlist = {@link #initialNlist(int)}, and every policy whose {@code target_size}
 *     is unset takes the build's mean partition size
 * @param minInitialPartitions fewest partitions the initial index gets when the initial set holds fewer than that
 *     many target sizes (so that APS and the policies have neighbours to work with), at least 1; default
 *     {@value #DEFAULT_MIN_INITIAL_PARTITIONS}; the effective target is then the smaller mean size of that build
 * @param deltaCapacity delta-store capacity in vectors given to every IVF index, ≥ 0; 0 (the default) disables it
 * @param recallTarget recall@k every IVF search asks APS for, in (0, 1]; default {@value #DEFAULT_RECALL_TARGET};
 *     also the recall the Lucene peer's search width is calibrated to
 * @param warmUpSearches untimed searches on a throwaway index before the first method (with the first insert batch
 *     inserted and deleted there), and on the Lucene peer's initial graph, so that the first method does not pay for
 *     the JIT; ≥ 0, default {@value #DEFAULT_WARM_UP}; 0 skips every warm-up step and the collections between
 *     methods
 * @param seed seed of the initial k-means of every IVF index and of the Lucene graph's levels
 * @param interleaved whether the methods replay the stream interleaved, operation by operation (the default: the
 *     load of a shared machine is then spread over every method; every index is in memory at once), or one after
 *     another, each on its own (one index at a time)
 */
public record ReplaySettings(int targetSize, int minInitialPartitions, int deltaCapacity, double recallTarget,
    int warmUpSearches, long seed, boolean interleaved) {

  /** Default τ_s in vectors (Ada-IVF §5.1.3). */
  public static final int DEFAULT_TARGET_SIZE = 1_000;
  /** Default fewest partitions of the initial index. */
  public static final int DEFAULT_MIN_INITIAL_PARTITIONS = 16;
  /** Default recall target of every search (the figures are at recall 0.9). */
  public static final double DEFAULT_RECALL_TARGET = 0.9;
  /** Default warm-up searches. */
  public static final int DEFAULT_WARM_UP = 1_000;

  /** Validates every component, naming the offending one. */
  public ReplaySettings {
    if (targetSize < 1) {
      throw new IllegalArgumentException("targetSize: must be at least 1 vector, was " + targetSize);
    }
    if (minInitialPartitions < 1) {
      throw new IllegalArgumentException("minInitialPartitions: must be at least 1, was " + minInitialPartitions);
    }
    if (deltaCapacity < 0) {
      throw new IllegalArgumentException("deltaCapacity: must be 0 (off) or positive, was " + deltaCapacity);
    }
    if (!(recallTarget > 0 && recallTarget <= 1)) {
      throw new IllegalArgumentException("recallTarget: must be in (0, 1], was " + recallTarget);
    }
    if (warmUpSearches < 0) {
      throw new IllegalArgumentException("warmUpSearches: must be >= 0, was " + warmUpSearches);
    }
  }

  /** Every default, with {@code seed}. */
  public static ReplaySettings defaults(long seed) {
    return new ReplaySettings(DEFAULT_TARGET_SIZE, DEFAULT_MIN_INITIAL_PARTITIONS, 0, DEFAULT_RECALL_TARGET,
        DEFAULT_WARM_UP, seed, true);
  }

  /**
   * Partitions of the initial index over {@code initialCount} vectors: {@code round(initialCount / targetSize)},
   * raised to {@link #minInitialPartitions()}, never more than the vectors.
   */
  public int initialNlist(int initialCount) {
    long byTarget = Math.round((double) initialCount / targetSize);
    return (int) Math.max(1, Math.min(initialCount, Math.max(minInitialPartitions, byTarget)));
  }

  /** Same settings with another target size. */
  public ReplaySettings withTargetSize(int value) {
    return new ReplaySettings(value, minInitialPartitions, deltaCapacity, recallTarget, warmUpSearches, seed,
        interleaved);
  }

  /** Same settings with another minimum of initial partitions. */
  public ReplaySettings withMinInitialPartitions(int value) {
    return new ReplaySettings(targetSize, value, deltaCapacity, recallTarget, warmUpSearches, seed, interleaved);
  }

  /** Same settings with another delta-store capacity. */
  public ReplaySettings withDeltaCapacity(int value) {
    return new ReplaySettings(targetSize, minInitialPartitions, value, recallTarget, warmUpSearches, seed, interleaved);
  }

  /** Same settings with another recall target. */
  public ReplaySettings withRecallTarget(double value) {
    return new ReplaySettings(targetSize, minInitialPartitions, deltaCapacity, value, warmUpSearches, seed,
        interleaved);
  }

  /** Same settings, replaying interleaved ({@code true}) or one method after another. */
  public ReplaySettings withInterleaved(boolean value) {
    return new ReplaySettings(targetSize, minInitialPartitions, deltaCapacity, recallTarget, warmUpSearches, seed,
        value);
  }

  /** Same settings with another number of warm-up searches. */
  public ReplaySettings withWarmUpSearches(int value) {
    return new ReplaySettings(targetSize, minInitialPartitions, deltaCapacity, recallTarget, value, seed, interleaved);
  }
}
