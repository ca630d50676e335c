package dev.quiver.bench.peers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Settings of one Lucene HNSW run: the graph's build parameters, the search widths to measure, and the build threads.
 *
 * <p>Values are checked when the record is made; {@link #DEFAULTS} holds Lucene's own defaults for the graph
 * ({@code M = 16}, {@code beamWidth = 100}) and a sweep of search widths wide enough to cross recall 0.9 on the
 * usual benchmark sets. Build it with the {@code with…} methods.
 *
 * @param maxConn maximum neighbours per node on upper levels, Lucene's {@code M} (level 0 keeps up to {@code 2M}),
 *     positive
 * @param beamWidth candidates kept while inserting a node, Lucene's {@code beamWidth} (efConstruction), positive
 * @param efs search widths to measure: the candidates collected per query, Lucene's {@code k} of a
 *     {@code KnnFloatVectorQuery} before truncation to the top {@code k} (efSearch); each positive. Widths below
 *     {@code k} are raised to {@code k}, as a query for {@code k} results can never collect fewer
 * @param k results returned per query, at least 10 (recall@10 is measured)
 * @param buildThreads threads that build the graph; 0 means every available processor, 1 a single-threaded,
 *     seed-reproducible build
 * @param seed seed of the random node levels (fully determines a single-threaded build)
 */
public record LuceneHnswParams(int maxConn, int beamWidth, int[] efs, int k, int buildThreads, long seed) {

  /** Lucene's defaults {@code M = 16, beamWidth = 100}; ef 10 to 160; k 10; all processors; seed 42. */
  public static final LuceneHnswParams DEFAULTS =
      new LuceneHnswParams(16, 100, new int[] {10, 20, 40, 80, 160}, 10, 0, 42);

  /** Checks every value and keeps a private copy of {@code efs}. */
  public LuceneHnswParams {
    if (maxConn <= 0) {
      throw new IllegalArgumentException("maxConn: must be positive, was " + maxConn);
    }
    if (beamWidth <= 0) {
      throw new IllegalArgumentException("beamWidth: must be positive, was " + beamWidth);
    }
    if (efs.length == 0 || Arrays.stream(efs).anyMatch(ef -> ef <= 0)) {
      throw new IllegalArgumentException("efs: need at least one, all positive, was " + Arrays.toString(efs));
    }
    if (k < 10) {
      throw new IllegalArgumentException("k: must be at least 10 to measure recall@10, was " + k);
    }
    if (buildThreads < 0) {
      throw new IllegalArgumentException("buildThreads: must be 0 (all processors) or positive, was "
          + buildThreads);
    }
    efs = efs.clone();
  }

  /** A copy of the search widths. */
  @Override
  public int[] efs() {
    return efs.clone();
  }

  /** Same settings with {@code M = maxConn}. */
  public LuceneHnswParams withMaxConn(int maxConn) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Same settings with {@code beamWidth}. */
  public LuceneHnswParams withBeamWidth(int beamWidth) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Same settings with other search widths. */
  public LuceneHnswParams withEfs(int... efs) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Same settings with {@code k} results per query. */
  public LuceneHnswParams withK(int k) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Same settings with {@code buildThreads} (0: all processors). */
  public LuceneHnswParams withBuildThreads(int buildThreads) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Same settings with another seed. */
  public LuceneHnswParams withSeed(long seed) {
    return new LuceneHnswParams(maxConn, beamWidth, efs, k, buildThreads, seed);
  }

  /** Threads the build will use: {@code buildThreads}, or the available processors when it is 0. */
  public int effectiveBuildThreads() {
    return buildThreads == 0 ? Runtime.getRuntime().availableProcessors() : buildThreads;
  }

  /** Candidates collected at search width {@code ef}: never fewer than the {@code k} results asked for. */
  int candidates(int ef) {
    return Math.max(ef, k);
  }

  /** The {@link dev.quiver.bench.report.SearchMeasurement#setting()} text, e.g. {@code m=16,beam=100,ef=40}. */
  String setting(int ef) {
    return String.format(Locale.ROOT, "m=%d,beam=%d,ef=%d", maxConn, beamWidth, ef);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LuceneHnswParams p && p.maxConn == maxConn && p.beamWidth == beamWidth
        && Arrays.equals(p.efs, efs) && p.k == k && p.buildThreads == buildThreads && p.seed == seed;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(efs) + Objects.hash(maxConn, beamWidth, k, buildThreads, seed);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LuceneHnswParams[m=%d, beam=%d, efs=%s, k=%d, buildThreads=%d, seed=%d]",
        maxConn, beamWidth, Arrays.stream(efs).mapToObj(Integer::toString).collect(Collectors.joining(",")), k,
        buildThreads, seed);
  }
}
