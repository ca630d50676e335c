package dev.quiver.index.search;

/**
 * Per-call search parameters, validated when built. They override the index's defaults for one search.
 *
 * @param k results wanted, at least 1
 * @param recallTarget recall@k that Adaptive Partition Scanning aims for, in (0, 1]; 1.0 means an exact search
 *     (every partition); ignored when {@code nprobe} is set
 * @param nprobe 0 for adaptive scanning (APS); a positive value scans exactly that many nearest partitions
 * @param maxPartitions 0 for no cap; a positive value caps the partitions any one query scans
 * @param threads threads that scan one query's partitions, at least 1 (1 = on the calling thread only)
 */
public record SearchParams(int k, double recallTarget, int nprobe, int maxPartitions, int threads) {

  /** Recall target when none is given: the common "good enough" point of the recall/latency curve. */
  public static final double DEFAULT_RECALL_TARGET = 0.9;

  /** Validates every field. */
  public SearchParams {
    if (k < 1) {
      throw new IllegalArgumentException("k: must be positive, was " + k);
    }
    if (!(recallTarget > 0 && recallTarget <= 1)) {
      throw new IllegalArgumentException("recallTarget: must be in (0, 1], was " + recallTarget);
    }
    if (nprobe < 0) {
      throw new IllegalArgumentException("nprobe: must be 0 (adaptive) or positive, was " + nprobe);
    }
    if (maxPartitions < 0) {
      throw new IllegalArgumentException("maxPartitions: must be 0 (no cap) or positive, was " + maxPartitions);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be at least 1, was " + threads);
    }
  }

  /** Adaptive search for {@code k} results at the default recall target, one thread. */
  public static SearchParams of(int k) {
    return new SearchParams(k, DEFAULT_RECALL_TARGET, 0, 0, 1);
  }

  /** Adaptive search for {@code k} results at {@code recallTarget}. */
  public static SearchParams forRecall(int k, double recallTarget) {
    return new SearchParams(k, recallTarget, 0, 0, 1);
  }

  /** Fixed-nprobe search. */
  public static SearchParams fixedNprobe(int k, int nprobe) {
    if (nprobe < 1) {
      throw new IllegalArgumentException("nprobe: must be positive, was " + nprobe);
    }
    return new SearchParams(k, DEFAULT_RECALL_TARGET, nprobe, 0, 1);
  }

  /** A copy with another recall target. */
  public SearchParams withRecallTarget(double value) {
    return new SearchParams(k, value, nprobe, maxPartitions, threads);
  }

  /** A copy with a fixed nprobe (0 returns to adaptive scanning). */
  public SearchParams withNprobe(int value) {
    return new SearchParams(k, recallTarget, value, maxPartitions, threads);
  }

  /** A copy with a cap on partitions scanned (0 = none). */
  public SearchParams withMaxPartitions(int value) {
    return new SearchParams(k, recallTarget, nprobe, value, threads);
  }

  /** A copy with another thread count. */
  public SearchParams withThreads(int value) {
    return new SearchParams(k, recallTarget, nprobe, maxPartitions, value);
  }

  /** Whether this asks for adaptive scanning rather than a fixed nprobe. */
  public boolean adaptive() {
    return nprobe == 0;
  }

  /** Whether this asks for an exact search. */
  public boolean exact() {
    return nprobe == 0 && recallTarget >= 1.0;
  }
}
