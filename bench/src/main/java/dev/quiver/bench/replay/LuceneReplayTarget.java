package dev.quiver.bench.replay;

import dev.quiver.bench.peers.LuceneHnswStream;
import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.index.maintenance.MaintenanceAction;
import java.util.List;
import java.util.Locale;

/**
 * The {@value ReplayMethods#LUCENE} pseudo-policy: the stream ingested into a growing Lucene HNSW graph
 * ({@link LuceneHnswStream}: Lucene's indexing-time graph construction, tombstones for deletes, no flushes or
 * merges), searched at one fixed search width. It has no maintenance: {@link #maintain()} does nothing.
 *
 * <p>The search width: {@code ef} when given; otherwise calibrated once, untimed, on the first query batch (the graph
 * as it stands then, the batch's exact ground truth): the smallest of {@link LuceneStreamParams#CALIBRATION_WIDTHS}
 * × k whose mean recall@k reaches the recall target, or the widest when none does. The width then stays fixed for
 * the whole stream, as a deployed Lucene query's {@code k} would; recall at a fixed width falls as the graph grows,
 * and the report shows the recall it got.
 */
final class LuceneReplayTarget implements ReplayTarget {

  private final LuceneHnswStream graph;
  private final LuceneStreamParams params;
  private final int k;
  private final double recallTarget;
  private final long buildNanos;
  private int ef;
  private String calibration = "";

  private LuceneReplayTarget(LuceneHnswStream graph, LuceneStreamParams params, int k, double recallTarget,
      long buildNanos) {
    this.graph = graph;
    this.params = params;
    this.k = k;
    this.recallTarget = recallTarget;
    this.buildNanos = buildNanos;
    this.ef = params.ef();
  }

  /** Builds the graph over the initial set of {@code workload}, one insert at a time. */
  static LuceneReplayTarget build(RecordedWorkload workload, LuceneStreamParams params, ReplaySettings settings,
      int k) {
    long start = System.nanoTime();
    LuceneHnswStream graph = new LuceneHnswStream(workload.dim(), workload.metric(), params.maxConn(),
        params.beamWidth(), settings.seed());
    WorkloadOperation.Insert initial = workload.initial();
    for (int i = 0; i < initial.count(); i++) {
      graph.insert(initial.ids()[i], initial.vector(i));
    }
    return new LuceneReplayTarget(graph, params, k, settings.recallTarget(), System.nanoTime() - start);
  }

  /**
   * Runs {@code searches} searches with the vectors of {@code batch} (cycled) at a width of 4·k, untimed, so that
   * the first timed batch does not pay for compiling the search path. Lucene keeps no statistics, so the searches
   * change nothing.
   */
  void warmUp(WorkloadOperation.Query batch, int searches) {
    if (batch == null) {
      return;
    }
    for (int i = 0; i < searches; i++) {
      graph.search(batch.vector(i % batch.count()), 4 * k, k, null);
    }
  }

  @Override
  public String method() {
    return ReplayMethods.LUCENE;
  }

  @Override
  public String setting() {
    return params.describe(ef) + calibration;
  }

  @Override
  public long buildNanos() {
    return buildNanos;
  }

  @Override
  public void insert(long id, float[] vector) {
    graph.insert(id, vector);
  }

  @Override
  public void delete(long id) {
    graph.delete(id);
  }

  @Override
  public List<MaintenanceAction> maintain() {
    return List.of();
  }

  @Override
  public void beforeQueries(WorkloadOperation.Query batch) {
    if (ef > 0) {
      return;
    }
    double recall = 0;
    for (double width : LuceneStreamParams.CALIBRATION_WIDTHS) {
      ef = (int) Math.max(k, Math.round(width * k));
      recall = meanRecall(batch, ef);
      if (recall >= recallTarget) {
        break;
      }
    }
    calibration = String.format(Locale.ROOT, " on query batch %d, recall %.4f there", batch.step(), recall);
  }

  private double meanRecall(WorkloadOperation.Query batch, int width) {
    double sum = 0;
    for (int q = 0; q < batch.count(); q++) {
      sum += batch.recallAtK(q, graph.search(batch.vector(q), width, k, null));
    }
    return sum / batch.count();
  }

  @Override
  public long[] search(float[] query, long[] scanned) {
    return graph.search(query, ef, k, scanned);
  }

  @Override
  public int partitions() {
    return 1;
  }

  @Override
  public int size() {
    return graph.size();
  }
}
