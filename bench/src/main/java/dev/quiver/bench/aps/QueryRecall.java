package dev.quiver.bench.aps;

/** Recall of one query's result ids against that query's exact neighbours, in [0, 1]. */
@FunctionalInterface
public interface QueryRecall {

  /** Recall of {@code ids} (nearest first) for query number {@code query}. */
  double recall(int query, long[] ids);
}
