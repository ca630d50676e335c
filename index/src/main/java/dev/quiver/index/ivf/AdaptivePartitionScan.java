package dev.quiver.index.ivf;

import dev.quiver.index.Metric;
import dev.quiver.index.aps.ApsConfig;
import dev.quiver.index.aps.Boundaries;
import dev.quiver.index.aps.CapFractionTable;
import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.aps.RecallEstimator;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.CandidateBuffer;
import dev.quiver.index.search.SearchParams;
import dev.quiver.index.search.TopKCollector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Scans one query's partitions: Adaptive Partition Scanning (Quake; ALGORITHMS.md §2) for a recall target, or a
 * fixed nprobe, or every partition for an exact search, on one thread or several.
 *
 * <p>With several threads, helpers scan candidates ahead of the calling thread (as far as the recall model predicts
 * under the current radius), each into its own top-k; the calling
 * thread merges those results strictly in candidate order and applies the stop rule after each, exactly as the
 * serial scan does, and discards whatever was scanned beyond the stopping point. Results are therefore identical to
 * the serial scan's. A partition a helper holds for too long ({@link #PATIENCE_NANOS}) the calling thread scans
 * again itself and the first result stored is merged: either gives the same merged top-k, since a partial result
 * differs only in rows its bound cut off, which cannot enter it (the partition's access is then counted twice, a
 * rare error maintenance can bear). Each query's shared state lives in its own object, so helpers still busy with a
 * finished query can only write into that query's state, never into the next query's.
 */
final class AdaptivePartitionScan {

  private final PartitionLayout layout;
  private final Metric metric;
  private final ApsConfig config;
  /** Model dimensions per calibrated k ({@link ApsCalibration#KS}). */
  private final ModelDimensions[] modelDimensions;

  /**
   * Partitions still to scan below which one query stays on one thread: handing work to a helper thread costs about
   * as much as scanning a few small partitions (measured: 6.5 partitions of Fashion-MNIST ran 0.57× as fast on two
   * threads as on one).
   */
  static final int MIN_PARALLEL_PARTITIONS = 8;

  /**
   * How long, in nanoseconds, the calling thread waits for a helper's share (a partition, a range of centroids)
   * before doing it itself: some ten times a share's normal time, well under a scheduler's time slice. Why: on a
   * shared host a helper's core can be taken for milliseconds mid-share (steal time of 10–25% was seen on this
   * project's 2-core machine), and the query would wait for all of it; the share is done twice instead, and
   * whichever result comes first is used (they are the same).
   */
  static final long PATIENCE_NANOS = 200_000;
  private final QueryGeometry geometry;
  private final ThreadLocal<PartitionScanner> scanners;
  private final IndexActivity activity;
  /**
   * Partitions the index had when the candidate counts of {@link #modelDimensions} were calibrated: counts scale
   * with the partition count as splits and merges change it, so APS needs no re-tuning after maintenance.
   */
  private final int calibratedNlist;

  /**
   * Creates the scanner.
   *
   * @param modelDimensions the dimensions the cap-fraction model uses per recall target, one set per k of
   *     {@link ApsCalibration#KS}: calibrated by {@link ApsCalibration}, or fixed
   */
  AdaptivePartitionScan(PartitionLayout layout, Metric metric, ApsConfig config, float meanSquaredNorm,
      ModelDimensions[] modelDimensions, IndexActivity activity, int calibratedNlist) {
    this(layout, metric, config, meanSquaredNorm, modelDimensions, activity, calibratedNlist, true);
  }

  /**
   * A scanner as above; with {@code recordsActivity} false its scans neither count as accesses nor heat partitions
   * (a calibration of a live index, whose statistics maintenance reads).
   */
  AdaptivePartitionScan(PartitionLayout layout, Metric metric, ApsConfig config, float meanSquaredNorm,
      ModelDimensions[] modelDimensions, IndexActivity activity, int calibratedNlist, boolean recordsActivity) {
    this.recordsActivity = recordsActivity;
    this.activity = activity;
    this.calibratedNlist = calibratedNlist;
    this.meanSquaredNorm = meanSquaredNorm;
    this.layout = layout;
    this.metric = metric;
    this.config = config;
    this.modelDimensions = modelDimensions;
    this.geometry = new QueryGeometry(metric, layout.centroids(), layout.nlist(), layout.dim(), meanSquaredNorm);
    this.scanners = ThreadLocal.withInitial(() -> new PartitionScanner(metric, recordsActivity));
  }

  private final float meanSquaredNorm;
  private final boolean recordsActivity;

  /** A scanner over another partitioning with the same calibration and shared activity (maintenance's publication). */
  AdaptivePartitionScan withLayout(PartitionLayout value) {
    return new AdaptivePartitionScan(value, metric, config, meanSquaredNorm, modelDimensions, activity,
        calibratedNlist);
  }

  /** The same partitioning with a new calibration, made at {@code nlist} partitions. */
  AdaptivePartitionScan withCalibration(ModelDimensions[] value, int nlist) {
    return new AdaptivePartitionScan(layout, metric, config, meanSquaredNorm, value, activity, nlist);
  }

  /** A scanner of the same partitioning that leaves no trace in its statistics, with the vectors' own dimension. */
  AdaptivePartitionScan quietAmbient(ModelDimensions[] ambient) {
    return new AdaptivePartitionScan(layout, metric, config, meanSquaredNorm, ambient, new IndexActivity(),
        layout.nlist(), false);
  }

  int calibratedNlist() {
    return calibratedNlist;
  }

  float meanSquaredNorm() {
    return meanSquaredNorm;
  }

  IndexActivity activity() {
    return activity;
  }

  /** A query's partition order and stopping rule, computed once before any partition is read. */
  Plan plan(float[] query, SearchParams params) {
    return plan(query, params, null);
  }

  /**
   * A plan whose scans offer only the rows {@code filter} accepts (null: all rows). APS needs no change for a
   * filter: its radius is the k-th <em>matching</em> distance, which is larger the more selective the filter, so
   * the model widens the scan until k rows match and the target is met.
   */
  Plan plan(float[] query, SearchParams params, IdFilter filter) {
    int nlist = layout.nlist();
    if (params.exact()) {
      int[] all = new int[nlist];
      for (int i = 0; i < nlist; i++) {
        all[i] = i;
      }
      return newPlan(query, params, new Candidates(all, new float[nlist]), cap(nlist, params), null, 0f, null,
          filter);
    }
    if (!params.adaptive()) {
      Candidates candidates = layout.centroidIndex().nearest(query, Math.min(params.nprobe(), nlist),
          params.threads());
      return newPlan(query, params, candidates, cap(candidates.size(), params), null, 0f, null, filter);
    }
    if (filter != null && filter.selectivity() < 1.0) {
      params = params.withRecallTarget(filteredTarget(params.recallTarget()));
    }
    int modelK = filter == null ? params.k()
        : (int) Math.min(Integer.MAX_VALUE, Math.ceil(params.k() / Math.max(1e-9, filter.selectivity())));
    ModelDimensions model = modelDimensions(modelK);
    return adaptivePlan(query, params, filter, model, adaptiveCount(model, params.recallTarget(), nlist));
  }

  /**
   * Plans for many unfiltered queries, identical to planning each with {@link #plan(float[], SearchParams)} in turn;
   * the centroids are scored for all of them together ({@link CentroidIndex#nearest(float[][], int)}).
   */
  Plan[] plans(float[][] queries, SearchParams params) {
    Plan[] plans = new Plan[queries.length];
    int nlist = layout.nlist();
    if (params.exact() || queries.length == 0) {
      for (int i = 0; i < queries.length; i++) {
        plans[i] = plan(queries[i], params);
      }
      return plans;
    }
    ModelDimensions model = params.adaptive() ? modelDimensions(params.k()) : null;
    int count = model == null ? Math.min(params.nprobe(), nlist) : adaptiveCount(model, params.recallTarget(), nlist);
    Candidates[] candidates = layout.centroidIndex().nearest(queries, count);
    for (int i = 0; i < queries.length; i++) {
      plans[i] = model == null
          ? newPlan(queries[i], params, candidates[i], cap(candidates[i].size(), params), null, 0f, null, null)
          : adaptivePlan(queries[i], params, null, model, candidates[i]);
    }
    return plans;
  }

  /** The candidate count of a target: the calibrated one, scaled if the partition count moved since. */
  private int adaptiveCount(ModelDimensions model, double target, int nlist) {
    int calibrated = model.candidatesFor(target);
    int scaled = calibrated <= 0 || calibratedNlist == nlist ? calibrated
        : (int) Math.max(1, Math.round((double) calibrated * nlist / calibratedNlist));
    return scaled > 0 ? Math.min(scaled, widestCandidates(nlist)) : config.candidates(nlist);
  }

  /**
   * The most candidates a calibrated target may use: {@value #WIDEST_CANDIDATES} times the configured count. The
   * calibration traces that many, so a target the configured set cannot reach (recall 0.99 at k = 100 on
   * WordNet-MiniLM reached 0.986 with the nearest 20% of partitions) gets the candidates it needs.
   */
  int widestCandidates(int nlist) {
    return Math.min(nlist, WIDEST_CANDIDATES * config.candidates(nlist));
  }

  /** Multiple of the configured candidate count that calibration traces and a calibrated target may use. */
  static final int WIDEST_CANDIDATES = 2;

  /** An APS plan over the {@code count} nearest partitions, with the model for {@code params.k()} (calibration). */
  Plan tracePlan(float[] query, SearchParams params, int count) {
    return adaptivePlan(query, params, null, modelDimensions(params.k()), count);
  }

  private Plan adaptivePlan(float[] query, SearchParams params, IdFilter filter, ModelDimensions model, int count) {
    return adaptivePlan(query, params, filter, model, layout.centroidIndex().nearest(query, count, params.threads()));
  }

  private Plan adaptivePlan(float[] query, SearchParams params, IdFilter filter, ModelDimensions model,
      Candidates candidates) {
    float querySquaredNorm = metric == Metric.INNER_PRODUCT ? VectorKernels.dot(query, query) : 0f;
    Boundaries boundaries = geometry.boundaries(querySquaredNorm, candidates);
    CapFractionTable table = CapFractionTable.of(model.dimensionFor(params.recallTarget()),
        config.capModel());
    RecallEstimator estimator = new RecallEstimator(table, boundaries, candidates.size(),
        config.recomputeThreshold());
    return newPlan(query, params, candidates, cap(candidates.size(), params), estimator, querySquaredNorm,
        boundaries, filter);
  }

  /**
   * Share of a filtered search's allowed miss ({@code 1 − target}) that its plan aims for. Its stop rule's radius is
   * the k-th <em>matching</em> distance, resting on k rows where an unfiltered search for k / selectivity rests on
   * that many; the noisier radius stops some scans early. Measured at target 0.9 with the model for k / selectivity:
   * 0.893 (random 10% filter, 500 queries) and 0.875 (`bench sql`, 10% filter) on WordNet-MiniLM; aiming at 0.93
   * gave 0.920 for 1.4x the partitions (bench/RESULTS.md, issue 4).
   */
  static final double FILTERED_MISS_SHARE = 0.7;

  /** The recall a filtered search aims for to meet {@code target}: 0.9 → 0.93, 0.99 → 0.993. */
  static double filteredTarget(double target) {
    return 1.0 - FILTERED_MISS_SHARE * (1.0 - target);
  }

  private Plan newPlan(float[] query, SearchParams params, Candidates candidates, int limit,
      RecallEstimator estimator, float querySquaredNorm, Boundaries boundaries, IdFilter filter) {
    Partition delta = activity.delta();
    return new Plan(query, params, candidates, limit, estimator, querySquaredNorm, boundaries, filter,
        delta == null || delta.size() == 0 ? null : delta, activity.nextQuery());
  }

  /** Scans the plan's delta store (recent inserts, searched exhaustively by every query) into {@code top}. */
  long scanDelta(PartitionScanner scanner, Plan plan, TopKCollector top) {
    return plan.delta == null ? 0 : scanner.scan(plan.delta, plan.query, top, plan.filter);
  }

  /**
   * Heats the first {@code scanned} candidates of a finished query (Ada-IVF Alg. 3), each by how near its centroid is
   * compared with the nearest one.
   */
  void recordHeat(Plan plan, int scanned) {
    if (!recordsActivity) {
      return;
    }
    TemperatureParams temperature = activity.temperature();
    for (int i = 0; i < scanned; i++) {
      layout.partition(plan.candidates.partitions()[i]).heat(plan.queryNumber, plan.proximity(i, metric),
          temperature);
    }
  }

  /** Every set of model dimensions, by calibrated k. */
  ModelDimensions[] modelDimensionsByK() {
    return modelDimensions.clone();
  }

  /** The dimensions the recall model uses for searches of {@code k} results, per target. */
  ModelDimensions modelDimensions(int k) {
    return modelDimensions[ApsCalibration.kIndex(k)];
  }

  ApsConfig config() {
    return config;
  }

  private static int cap(int candidates, SearchParams params) {
    return params.maxPartitions() > 0 ? Math.min(candidates, params.maxPartitions()) : candidates;
  }

  /**
   * Runs a plan on the calling thread and, when {@code params.threads() > 1} and enough partitions remain to repay
   * the hand-off, {@code params.threads() − 1} helpers. APS decides after its first partition, when its recall model
   * first predicts how many more it needs; the result is the same either way.
   */
  ScanOutcome run(Plan plan) {
    PartitionScanner scanner = scanners.get();
    TopKCollector top = new TopKCollector(plan.params.k());
    long vectors = 0;
    int scanned = 0;
    double estimate = Double.NaN;
    vectors += scanDelta(scanner, plan, top);
    while (scanned < plan.limit) {
      if (scanned <= 1 && plan.params.threads() > 1 && plan.remainingWork(scanned) >= MIN_PARALLEL_PARTITIONS) {
        return runParallel(plan, top, scanned, vectors);
      }
      vectors += scanner.scan(layout.partition(plan.candidates.partitions()[scanned]), plan.query, top, plan.filter);
      scanned++;
      estimate = plan.estimate(scanned, top, geometry);
      if (plan.shouldStop(estimate)) {
        break;
      }
    }
    recordHeat(plan, scanned);
    return new ScanOutcome(top.sorted(), scanned, vectors, plan.reported(estimate, scanned));
  }

  /** Continues a query from its first {@code merged} partitions with helpers scanning ahead. */
  private ScanOutcome runParallel(Plan plan, TopKCollector top, int merged, long vectorsSoFar) {
    ParallelQuery state = new ParallelQuery(plan.limit, merged);
    state.ceiling = top.worstScore();
    state.claimLimit = claimLimit(plan, merged);
    for (int helper = 1; helper < plan.params.threads(); helper++) {
      ScanWorkers.pool().execute(() -> helpScan(plan, state));
    }
    PartitionScanner scanner = scanners.get();
    long vectors = vectorsSoFar;
    double estimate = Double.NaN;
    long waitingSince = 0;
    try {
      while (merged < plan.limit) {
        PartialResult next = state.results.get(merged);
        if (next == null) {
          int claimed = state.claim();
          if (claimed >= 0) {
            state.results.compareAndSet(claimed, null, scanPartition(scanner, plan, claimed, state.ceiling));
          } else if (waitingSince == 0) {
            waitingSince = System.nanoTime(); // a helper is scanning the next partition in order
          } else if (System.nanoTime() - waitingSince > PATIENCE_NANOS) {
            state.results.compareAndSet(merged, null, scanPartition(scanner, plan, merged, state.ceiling));
          } else {
            Thread.onSpinWait();
          }
          continue;
        }
        waitingSince = 0;
        next.top.mergeInto(top);
        vectors += next.vectors;
        merged++;
        state.ceiling = top.worstScore();
        estimate = plan.estimate(merged, top, geometry);
        if (plan.shouldStop(estimate)) {
          break;
        }
        state.claimLimit = claimLimit(plan, merged);
      }
    } finally {
      state.finished = true; // helpers stop claiming; anything they still produce is never read
    }
    recordHeat(plan, merged);
    return new ScanOutcome(top.sorted(), merged, vectors, plan.reported(estimate, merged));
  }

  private void helpScan(Plan plan, ParallelQuery state) {
    PartitionScanner scanner = scanners.get();
    while (!state.finished) {
      int claimed = state.claim();
      if (claimed >= 0) {
        state.results.compareAndSet(claimed, null, scanPartition(scanner, plan, claimed, state.ceiling));
      } else if (state.next.get() >= plan.limit) {
        return;
      } else {
        Thread.onSpinWait(); // the model says the candidates claimed suffice: wait for it to say more, or to stop
      }
    }
  }

  /**
   * The candidates that may be claimed after {@code merged} are merged: for APS, those its recall model predicts
   * under the current radius ({@link Plan#predictedScans}), at least the next one in order; else all. Why: threads
   * that claim past the stopping point scan for nothing, and the calling thread's own such scan delays the answer;
   * a scratch count found 2.7 candidates claimed past the stop per query on 1M × 128 at recall 0.9 on two threads
   * (about 5% of the 55 merged). The radius only shrinks, so the prediction rarely falls short of the stop.
   */
  private static int claimLimit(Plan plan, int merged) {
    return Math.min(plan.limit, Math.max(merged + 1, plan.predictedScans(Math.max(1, merged))));
  }

  PartitionScanner scanner() {
    return scanners.get();
  }

  PartitionLayout layout() {
    return layout;
  }

  QueryGeometry geometry() {
    return geometry;
  }

  private PartialResult scanPartition(PartitionScanner scanner, Plan plan, int candidate, float ceiling) {
    // Ids within one partition are distinct; the merged k-th score bounds what can still enter the final top k.
    CandidateBuffer local = new CandidateBuffer(plan.params.k(), ceiling);
    long vectors = scanner.scan(layout.partition(plan.candidates.partitions()[candidate]), plan.query, local,
        plan.filter);
    return new PartialResult(local, vectors);
  }

  /** One scanned candidate's own top-k. */
  private record PartialResult(CandidateBuffer top, long vectors) {}

  /** Shared state of one parallel query: the next candidate to claim and the results by candidate position. */
  private static final class ParallelQuery {
    final AtomicInteger next = new AtomicInteger();
    final AtomicReferenceArray<PartialResult> results;
    volatile boolean finished;
    /** The merged top-k's current k-th score, read by helpers when they start a partition. */
    volatile float ceiling = Float.POSITIVE_INFINITY;

    /** Candidates below which claims are allowed (see {@code claimLimit}); raised or lowered by the caller. */
    volatile int claimLimit;

    ParallelQuery(int limit, int firstUnmerged) {
      results = new AtomicReferenceArray<>(limit);
      next.set(firstUnmerged);
      claimLimit = limit;
    }

    /** Claims the next candidate if it is below {@link #claimLimit}; returns it, or −1. */
    int claim() {
      for (int n = next.get(); n < claimLimit; n = next.get()) {
        if (next.compareAndSet(n, n + 1)) {
          return n;
        }
      }
      return -1;
    }
  }

  /**
   * Everything decided before scanning: the query (normalised), the candidate partitions in scan order, how many
   * may be scanned, and for APS the recall model.
   */
  static final class Plan {
    final float[] query;
    final SearchParams params;
    final Candidates candidates;
    final int limit;
    /** Distances to the bisecting hyperplanes (APS only, else null). */
    final Boundaries boundaries;
    final float querySquaredNorm;
    /** Rows a scan may offer, or null for all. */
    final IdFilter filter;
    /** The delta store as it was when the query was planned, or null when empty or disabled. */
    final Partition delta;
    /** The query's number, which dates the temperatures it changes. */
    final long queryNumber;
    private final RecallEstimator estimator;

    Plan(float[] query, SearchParams params, Candidates candidates, int limit, RecallEstimator estimator,
        float querySquaredNorm, Boundaries boundaries, IdFilter filter, Partition delta, long queryNumber) {
      this.filter = filter;
      this.delta = delta;
      this.queryNumber = queryNumber;
      this.query = query;
      this.params = params;
      this.candidates = candidates;
      this.limit = limit;
      this.estimator = estimator;
      this.querySquaredNorm = querySquaredNorm;
      this.boundaries = boundaries;
    }

    /**
     * Ada-IVF's d_μ for candidate {@code i}: the query's distance to its nearest candidate centroid over its distance
     * to this one, in (0, 1]. Only L2 and cosine have a distance to compare; inner product (and an exact plan, which
     * ranks no centroid) count every scan fully.
     */
    double proximity(int i, Metric metric) {
      float[] scores = candidates.scores();
      if (i == 0 || metric == Metric.INNER_PRODUCT || scores[i] == 0f) {
        return 1.0;
      }
      double nearest = metric == Metric.L2 ? scores[0] : 2 + 2.0 * scores[0];
      double here = metric == Metric.L2 ? scores[i] : 2 + 2.0 * scores[i];
      return here <= 0 ? 1.0 : Math.min(1.0, Math.sqrt(Math.max(0, nearest) / here));
    }

    /** APS's recall estimate after the first {@code scanned} candidates, or NaN without APS. */
    double estimate(int scanned, TopKCollector top, QueryGeometry geometry) {
      if (estimator == null) {
        return Double.NaN;
      }
      return estimator.estimate(scanned, geometry.radius(top.worstScore(), querySquaredNorm));
    }

    /**
     * Partitions that remain worth scanning after the first {@code scanned}: all that remain for a fixed nprobe or an
     * exact search; for APS, what its model predicts once a first partition gave it a radius (0 before).
     */
    int remainingWork(int scanned) {
      if (estimator == null) {
        return limit - scanned;
      }
      return scanned == 0 ? 0 : predictedScans(scanned) - scanned;
    }

    /** How many candidates the current profile says must be scanned in all, at least {@code scanned}. */
    int predictedScans(int scanned) {
      if (estimator == null) {
        return limit;
      }
      return Math.min(limit, estimator.scansToReach(params.recallTarget(), scanned));
    }

    boolean shouldStop(double estimate) {
      return estimator != null && estimate >= params.recallTarget();
    }

    double reported(double estimate, int scanned) {
      if (params.exact()) {
        return scanned == candidates.size() ? 1.0 : Double.NaN;
      }
      return estimate;
    }
  }
}
