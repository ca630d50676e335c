package dev.quiver.bench.peers;

import dev.quiver.bench.report.LatencyStats;
import dev.quiver.bench.report.SearchMeasurement;
import dev.quiver.index.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark peer that builds a Lucene HNSW graph in this JVM ({@link LuceneHnswGraph}) and measures recall@10,
 * single-thread QPS and p50/p99 latency at each search width of a {@link LuceneHnswParams}.
 *
 * <p>Rows are reported as method {@value #METHOD} with nlist = nprobe = -1 and a setting such as
 * {@code m=16,beam=100,ef=40}. Every width gets the protocol of Quiver's own IVF measurement: up to
 * {@value #WARMUP_QUERIES} untimed queries (so that the JIT has compiled the search), then every query once, timed,
 * one at a time on the calling thread.
 */
public final class LuceneHnswPeer {

  /** Method name in {@link SearchMeasurement#method()}. */
  public static final String METHOD = "lucene-hnsw";
  /** Untimed queries before each timed pass (fewer when there are fewer queries). */
  public static final int WARMUP_QUERIES = 1_000;
  /** Largest |‖v‖² − 1| accepted for a COSINE vector: float rounding of a normalised vector stays far below it. */
  private static final double UNIT_TOLERANCE = 1e-3;

  private LuceneHnswPeer() {}

  /**
   * Outcome of one Lucene run.
   *
   * @param buildSeconds wall time of the graph construction, in s
   * @param buildThreads threads that built it
   * @param graphBytes heap bytes of the graph's adjacency lists, not counting the vectors
   * @param measurements one row per search width, in the order of {@link LuceneHnswParams#efs()}
   */
  public record Result(double buildSeconds, int buildThreads, long graphBytes, List<SearchMeasurement> measurements) {}

  /**
   * Runs with {@link LuceneHnswParams#DEFAULTS} but the given graph parameters, widths and k.
   *
   * @see #run(float[], int, int, float[], int, int[], Metric, LuceneHnswParams)
   */
  public static Result run(float[] base, int n, int dim, float[] queries, int nq, int[] groundTruth, Metric metric,
      int maxConn, int beamWidth, int[] efs, int k) {
    return run(base, n, dim, queries, nq, groundTruth, metric,
        LuceneHnswParams.DEFAULTS.withMaxConn(maxConn).withBeamWidth(beamWidth).withEfs(efs).withK(k));
  }

  /**
   * Builds the graph over {@code base} and measures each search width in {@code params}.
   *
   * @param base base vectors, {@code n × dim} row-major; their ids are their row indices
   * @param n base vectors, positive
   * @param dim components per vector, positive
   * @param queries query vectors, {@code nq × dim} row-major
   * @param nq queries, positive
   * @param groundTruth exact neighbours, {@code nq × depth} row-major base row indices nearest first, depth ≥ 10
   * @param metric metric of the ground truth; {@code COSINE} vectors must already be unit vectors
   * @param params graph parameters, search widths, k and build threads
   */
  public static Result run(float[] base, int n, int dim, float[] queries, int nq, int[] groundTruth, Metric metric,
      LuceneHnswParams params) {
    int depth = checkArguments(base, n, dim, queries, nq, groundTruth, metric);
    try {
      progress("building: %,d × %d, %s, m %d, beam %d, %d threads", n, dim, metric, params.maxConn(),
          params.beamWidth(), params.effectiveBuildThreads());
      LuceneHnswGraph graph = LuceneHnswGraph.build(base, n, dim, metric, params);
      progress("built in %.2f s", graph.buildNanos() / 1e9);
      float[][] rows = new float[nq][];
      for (int q = 0; q < nq; q++) {
        rows[q] = Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
      }
      List<SearchMeasurement> measurements = new ArrayList<>();
      for (int ef : params.efs()) {
        SearchMeasurement row = measure(graph, rows, groundTruth, depth, params, ef);
        progress("%s: recall@10 %.4f, %.0f QPS", row.setting(), row.recallAt10(), row.qps());
        measurements.add(row);
      }
      return new Result(graph.buildNanos() / 1e9, graph.buildThreads(), graph.graphBytes(),
          List.copyOf(measurements));
    } catch (IOException e) {
      // The vectors are on the heap; Lucene's API declares IOException for its on-disk implementations.
      throw new UncheckedIOException("lucene peer: " + e.getMessage(), e);
    }
  }

  /** Warms up, then times every query once at search width {@code ef}. */
  static SearchMeasurement measure(LuceneHnswGraph graph, float[][] queries, int[] groundTruth, int depth,
      LuceneHnswParams params, int ef) throws IOException {
    int nq = queries.length;
    int candidates = params.candidates(ef);
    for (int q = 0; q < Math.min(nq, WARMUP_QUERIES); q++) {
      graph.search(queries[q], candidates, params.k());
    }
    long[] latencies = new long[nq];
    double recallSum = 0;
    long start = System.nanoTime();
    for (int q = 0; q < nq; q++) {
      long t0 = System.nanoTime();
      int[] ids = graph.search(queries[q], candidates, params.k());
      latencies[q] = System.nanoTime() - t0;
      recallSum += recallAt10(ids, groundTruth, depth, q);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new SearchMeasurement(METHOD, -1, -1, params.setting(ef), recallSum / nq, nq / seconds,
        LatencyStats.percentileMs(latencies, 0.5), LatencyStats.percentileMs(latencies, 0.99));
  }

  /** |first 10 of {@code ids} ∩ first 10 true neighbours of query {@code q}| / 10; ids are distinct. */
  static double recallAt10(int[] ids, int[] groundTruth, int depth, int q) {
    int hits = 0;
    int found = Math.min(10, ids.length);
    for (int t = q * depth; t < q * depth + 10; t++) {
      for (int i = 0; i < found; i++) {
        if (ids[i] == groundTruth[t]) {
          hits++;
          break;
        }
      }
    }
    return hits / 10.0;
  }

  /** Checks sizes (and unit length for COSINE); returns the ground-truth depth per query. */
  private static int checkArguments(float[] base, int n, int dim, float[] queries, int nq, int[] groundTruth,
      Metric metric) {
    if (n <= 0 || dim <= 0 || nq <= 0) {
      throw new IllegalArgumentException("n, dim, nq: must be positive, were " + n + ", " + dim + ", " + nq);
    }
    if ((long) n * dim != base.length) {
      throw new IllegalArgumentException("base: " + n + " × " + dim + " components expected, array holds "
          + base.length);
    }
    if ((long) nq * dim != queries.length) {
      throw new IllegalArgumentException("queries: " + nq + " × " + dim + " components expected, array holds "
          + queries.length);
    }
    if (groundTruth.length % nq != 0 || groundTruth.length / nq < 10) {
      throw new IllegalArgumentException("groundTruth: " + groundTruth.length + " ids are not at least 10 per query "
          + "for " + nq + " queries");
    }
    if (metric == Metric.COSINE) {
      requireUnitRows("base", base, dim);
      requireUnitRows("queries", queries, dim);
    }
    return groundTruth.length / nq;
  }

  /** Lucene's DOT_PRODUCT is a cosine only on unit vectors; a cosine dataset that is not normalised is a bug. */
  private static void requireUnitRows(String name, float[] rows, int dim) {
    for (int row = 0; row < rows.length / dim; row++) {
      double norm2 = 0;
      for (int i = row * dim; i < (row + 1) * dim; i++) {
        norm2 += rows[i] * rows[i];
      }
      // A zero row has no direction to normalise to; it is left as it is, as Quiver's normalisation leaves it.
      if (norm2 != 0 && Math.abs(norm2 - 1) > UNIT_TOLERANCE) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s: row %d has squared norm %.6f; COSINE vectors must be normalised before the Lucene peer runs",
            name, row, norm2));
      }
    }
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[lucene peer] " + format + "%n", args);
  }
}
