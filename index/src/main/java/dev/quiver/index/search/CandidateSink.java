package dev.quiver.index.search;

/**
 * Where a partition scan puts the rows that may still enter a query's top k: the query's {@link TopKCollector}
 * itself, or a {@link CandidateBuffer} merged into it later. Scans read {@link #worstScore} to skip rows that cannot
 * enter, so they touch the sink for a small fraction of the rows they score.
 */
public interface CandidateSink {

  /** A candidate scoring above this cannot enter (+∞ while anything can). */
  float worstScore();

  /** Offers one candidate; returns whether it was kept. */
  boolean offer(long id, float score);

  /** Offers {@code count} candidates whose scores are {@code blockScores[0..count)} and ids {@code blockIds[from..)}. */
  void offerAll(float[] blockScores, long[] blockIds, int from, int count);

  /** Offers everything held to {@code top}. */
  void mergeInto(TopKCollector top);
}
