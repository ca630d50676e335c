package dev.quiver.bench.peers;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * A Lucene HNSW graph that grows one vector at a time and forgets deleted ones, as Lucene's indexing buffer does: the
 * benchmark peer for a stream of inserts, deletes and searches.
 *
 * <p>Inserts follow Lucene's own indexing path for a vector field ({@code Lucene99HnswVectorsWriter}'s field writer):
 * the vector is appended to an on-heap list that a {@link FloatVectorValues} reads live, and
 * {@link HnswGraphBuilder#addGraphNode} links it into the graph at once, on the calling thread. Deletes are Lucene's
 * tombstones: the node stays in the graph and searches skip it through the accepted-ordinals bits, exactly as live
 * docs are applied before a merge. Searches are {@link HnswGraphSearcher} filling a {@link TopKnnCollector}, as in
 * {@link LuceneHnswGraph#search}.
 *
 * <p>What is left out, each in Lucene's favour: the document and field overhead of {@code IndexWriter}, flushing the
 * buffer into segments (so a search never has several graphs to search and merge) and merges (which would rebuild or
 * extend graphs and drop tombstones). The graph is searched as it grows, without the {@code finish()} pass Lucene runs
 * when it flushes (which links nodes that ended up disconnected). Node ordinals are insertion order; ids are the
 * caller's.
 *
 * <p>Not thread-safe: one thread inserts, deletes and searches.
 */
public final class LuceneHnswStream {

  /** The scorer of Lucene's default vectors format (Panama-accelerated when the Vector API module is present). */
  private static final FlatVectorsScorer SCORER = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
  /** Largest |‖v‖² − 1| accepted for a COSINE vector: float rounding of a normalised vector stays far below it. */
  private static final double UNIT_TOLERANCE = 1e-3;

  private final int dim;
  private final Metric metric;
  private final VectorSimilarityFunction similarity;
  /** Vectors by ordinal; the list grows and {@link #values} reads it live, as Lucene's indexing buffer does. */
  private final List<float[]> vectors = new ArrayList<>();
  private final FloatVectorValues values;
  private final HnswGraphBuilder builder;
  private long[] idOfOrdinal = new long[1024];
  private final Map<Long, Integer> ordinalOfId = new HashMap<>();
  private final BitSet deleted = new BitSet();
  /** Accepted ordinals when some are deleted; read by the searcher only for ordinals below {@link #length()}. */
  private final Bits live = new Bits() {
    @Override
    public boolean get(int ordinal) {
      return !deleted.get(ordinal);
    }

    @Override
    public int length() {
      return vectors.size();
    }
  };

  /**
   * An empty graph.
   *
   * @param dim components per vector, positive
   * @param metric metric of the data; {@code COSINE} vectors must be unit vectors (searched as {@code DOT_PRODUCT})
   * @param maxConn Lucene's {@code M}, positive
   * @param beamWidth Lucene's {@code beamWidth} (efConstruction), positive
   * @param seed seed of the random node levels
   */
  public LuceneHnswStream(int dim, Metric metric, int maxConn, int beamWidth, long seed) {
    if (dim <= 0 || maxConn <= 0 || beamWidth <= 0) {
      throw new IllegalArgumentException("dim, maxConn, beamWidth: must be positive, were " + dim + ", " + maxConn
          + ", " + beamWidth);
    }
    this.dim = dim;
    this.metric = metric;
    this.similarity = LuceneHnswGraph.similarity(metric);
    this.values = FloatVectorValues.fromFloats(vectors, dim);
    try {
      this.builder = HnswGraphBuilder.create(SCORER.getRandomVectorScorerSupplier(similarity, values), maxConn,
          beamWidth, seed);
    } catch (IOException e) {
      throw new UncheckedIOException("lucene stream: " + e.getMessage(), e); // on-heap vectors: never thrown
    }
  }

  /**
   * Adds {@code vector} under {@code id} and links it into the graph. The array is kept, not copied: the caller must
   * not change it afterwards.
   *
   * @throws IllegalArgumentException if {@code id} is present, or the vector has the wrong dimension or, for
   *     {@code COSINE}, is not a unit vector
   */
  public void insert(long id, float[] vector) {
    if (vector.length != dim) {
      throw new IllegalArgumentException("vector: dimension " + vector.length + " differs from the graph's " + dim);
    }
    if (metric == Metric.COSINE) {
      requireUnit(id, vector);
    }
    int ordinal = vectors.size();
    if (ordinalOfId.putIfAbsent(id, ordinal) != null) {
      throw new IllegalArgumentException("id: " + id + " is already in the graph");
    }
    if (ordinal == idOfOrdinal.length) {
      idOfOrdinal = Arrays.copyOf(idOfOrdinal, ordinal * 2);
    }
    idOfOrdinal[ordinal] = id;
    vectors.add(vector);
    try {
      builder.addGraphNode(ordinal);
    } catch (IOException e) {
      throw new UncheckedIOException("lucene stream: " + e.getMessage(), e);
    }
  }

  /**
   * Marks the vector of {@code id} deleted: later searches never return it.
   *
   * @throws IllegalArgumentException if {@code id} is not present
   */
  public void delete(long id) {
    Integer ordinal = ordinalOfId.remove(id);
    if (ordinal == null) {
      throw new IllegalArgumentException("id: " + id + " is not in the graph");
    }
    deleted.set(ordinal);
  }

  /**
   * The ids of the best {@code k} of {@code candidates} live nodes found for {@code query}, best first; fills
   * {@code visited[0]} with the nodes the search scored when {@code visited} is not null.
   *
   * @param candidates search width (efSearch), raised to {@code k} when smaller
   */
  public long[] search(float[] query, int candidates, int k, long[] visited) {
    if (vectors.isEmpty()) {
      return new long[0];
    }
    try {
      RandomVectorScorer scorer = SCORER.getRandomVectorScorer(similarity, values, query);
      // No visit limit: the search stops when the beam cannot improve, as an unfiltered Lucene query does.
      TopKnnCollector collector = new TopKnnCollector(Math.max(candidates, k), Integer.MAX_VALUE);
      HnswGraphSearcher.search(scorer, collector, builder.getGraph(), deleted.isEmpty() ? null : live);
      ScoreDoc[] best = collector.topDocs().scoreDocs;
      long[] ids = new long[Math.min(k, best.length)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = idOfOrdinal[best[i].doc];
      }
      if (visited != null) {
        visited[0] = collector.visitedCount();
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("lucene stream: " + e.getMessage(), e);
    }
  }

  /** Live (not deleted) vectors. */
  public int size() {
    return ordinalOfId.size();
  }

  /** Nodes in the graph, deleted ones included. */
  public int nodes() {
    return vectors.size();
  }

  private static void requireUnit(long id, float[] vector) {
    double norm2 = 0;
    for (float x : vector) {
      norm2 += x * x;
    }
    // A zero vector has no direction to normalise to; it is left as it is, as Quiver's normalisation leaves it.
    if (norm2 != 0 && Math.abs(norm2 - 1) > UNIT_TOLERANCE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "vector of id %d: squared norm %.6f; COSINE "
          + "vectors must be normalised before they reach the Lucene peer", id, norm2));
    }
  }
}
