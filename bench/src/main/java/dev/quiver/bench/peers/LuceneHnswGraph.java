package dev.quiver.bench.peers;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * A Lucene HNSW graph over in-memory vectors, built and searched with Lucene's own graph code
 * ({@code org.apache.lucene.util.hnsw}) and its codec's flat vector scorer, without an index or a directory.
 *
 * <p>This is the graph a Lucene segment holds, minus the file format: {@link HnswGraphBuilder} for a
 * single-threaded build, and {@link HnswConcurrentMergeBuilder}, the builder Lucene's merges use when given merge
 * workers, for a multi-threaded one. Search is {@link HnswGraphSearcher} filling a {@link TopKnnCollector}, as in
 * a {@code KnnFloatVectorQuery} over one segment. Node ordinals are base row indices.
 *
 * <p>Not thread-safe to build; after {@link #build} returns the graph is read-only and may be searched by several
 * threads at once.
 */
final class LuceneHnswGraph {

  /** The scorer Lucene's default vectors format uses (Panama-accelerated when the Vector API module is present). */
  private static final FlatVectorsScorer SCORER = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();

  private final FloatVectorValues vectors;
  private final VectorSimilarityFunction similarity;
  private final OnHeapHnswGraph graph;
  private final long buildNanos;
  private final int buildThreads;

  private LuceneHnswGraph(FloatVectorValues vectors, VectorSimilarityFunction similarity, OnHeapHnswGraph graph,
      long buildNanos, int buildThreads) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.graph = graph;
    this.buildNanos = buildNanos;
    this.buildThreads = buildThreads;
  }

  /**
   * Lucene's similarity for a Quiver metric. {@code COSINE} maps to {@code DOT_PRODUCT}, which Lucene defines for
   * unit vectors and which Quiver's cosine data already are; Lucene's {@code COSINE} would renormalise every pair.
   */
  static VectorSimilarityFunction similarity(Metric metric) {
    return switch (metric) {
      case L2 -> VectorSimilarityFunction.EUCLIDEAN;
      case INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
    };
  }

  /**
   * Builds the graph over the {@code n × dim} row-major {@code base}. Only the graph construction is timed: the
   * copy of {@code base} into one array per row, which is how Lucene buffers vectors before it flushes a segment,
   * comes first and is not.
   */
  static LuceneHnswGraph build(float[] base, int n, int dim, Metric metric, LuceneHnswParams params)
      throws IOException {
    List<float[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(Arrays.copyOfRange(base, i * dim, (i + 1) * dim));
    }
    FloatVectorValues vectors = FloatVectorValues.fromFloats(rows, dim);
    VectorSimilarityFunction similarity = similarity(metric);
    RandomVectorScorerSupplier scorers = SCORER.getRandomVectorScorerSupplier(similarity, vectors);
    int threads = params.effectiveBuildThreads();

    long start = System.nanoTime();
    // Sized for n nodes up front, so that the concurrent builder's visited sets cover every ordinal.
    HnswGraphBuilder builder =
        HnswGraphBuilder.create(scorers, params.maxConn(), params.beamWidth(), params.seed(), n);
    OnHeapHnswGraph graph = threads == 1 ? builder.build(n) : buildConcurrently(builder.getGraph(), scorers, n,
        params, threads);
    long nanos = System.nanoTime() - start;
    return new LuceneHnswGraph(vectors, similarity, graph, nanos, threads);
  }

  /**
   * Fills the empty {@code graph} with {@code threads} workers that take batches of nodes, as Lucene's merges do.
   * The workers' levels come from Lucene's global {@code HnswGraphBuilder.randSeed}, not {@code params.seed()},
   * and the neighbour lists depend on thread timing: a concurrent build is not reproducible run to run.
   */
  private static OnHeapHnswGraph buildConcurrently(OnHeapHnswGraph graph, RandomVectorScorerSupplier scorers, int n,
      LuceneHnswParams params, int threads) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads,
        Thread.ofPlatform().name("lucene-hnsw-build-", 0).daemon().factory());
    try {
      return new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, scorers, params.maxConn(),
          params.beamWidth(), graph, null).build(n);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The ordinals (base row indices) of the best {@code k} of {@code candidates} nodes found for {@code query},
   * best first; {@code candidates} is the search width (efSearch), at least {@code k}.
   */
  int[] search(float[] query, int candidates, int k) throws IOException {
    RandomVectorScorer scorer = SCORER.getRandomVectorScorer(similarity, vectors, query);
    // No visit limit: the search stops when the beam cannot improve, as an unfiltered Lucene query does.
    TopKnnCollector collector = new TopKnnCollector(candidates, Integer.MAX_VALUE);
    HnswGraphSearcher.search(scorer, collector, graph, null);
    ScoreDoc[] best = collector.topDocs().scoreDocs;
    int[] ids = new int[Math.min(k, best.length)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = best[i].doc;
    }
    return ids;
  }

  /** Wall time of the graph construction, in ns. */
  long buildNanos() {
    return buildNanos;
  }

  /** Threads that built the graph. */
  int buildThreads() {
    return buildThreads;
  }

  /** Heap bytes of the graph's adjacency lists (Lucene's own estimate), not counting the vectors. */
  long graphBytes() {
    return graph.ramBytesUsed();
  }

  /** Nodes in the graph. */
  int size() {
    return graph.size();
  }
}
