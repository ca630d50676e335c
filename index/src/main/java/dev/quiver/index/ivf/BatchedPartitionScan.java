package dev.quiver.index.ivf;

import dev.quiver.index.search.CandidateBuffer;
import dev.quiver.index.search.CandidateSink;
import dev.quiver.index.search.TopKCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many queries at once, grouped by partition so that a partition wanted by several queries is read from memory once
 * and then scanned for each of them from cache.
 *
 * <p>The batch proceeds in waves. In the first, every query scans its nearest partition. In each later wave a query
 * asks for the candidates its recall model says it still needs (with the radius it has now, which only shrinks, so
 * this rarely falls short; a query that scans alone asks for at most {@value #WAVE_GROWTH} times what it has merged,
 * so that its k-th score tightens between waves); requests are grouped by partition and every partition is scanned
 * once for all who asked. Each query then merges its new results in candidate order and applies the stop rule after
 * each, as the serial scan does, discarding results past its stopping point: the answers are identical to one-by-one
 * search. A partition wanted by {@value #MIN_SHARED_SCAN} or more queries of k ≤ {@value #MAX_SHARED_K} in a wave
 * is scored for all of them at once ({@link PartitionScanner#scanGroup}), with the scores one-by-one search computes
 * for the rows that matter.
 */
final class BatchedPartitionScan {

  private final AdaptivePartitionScan scan;

  BatchedPartitionScan(AdaptivePartitionScan scan) {
    this.scan = scan;
  }

  ScanOutcome[] run(AdaptivePartitionScan.Plan[] plans, int threads) {
    QueryProgress[] queries = new QueryProgress[plans.length];
    PartitionScanner deltaScanner = scan.scanner();
    for (int i = 0; i < plans.length; i++) {
      queries[i] = new QueryProgress(plans[i]);
      queries[i].vectors += scan.scanDelta(deltaScanner, plans[i], queries[i].top);
    }
    while (true) {
      List<Request> requests = new ArrayList<>();
      for (int q = 0; q < queries.length; q++) {
        QueryProgress progress = queries[q];
        if (progress.finished) {
          continue;
        }
        int until = progress.merged == 0 ? 1 : progress.plan.predictedScans(progress.merged + 1);
        if (progress.merged > 0 && progress.plan.params.k() > MAX_SHARED_K) {
          until = (int) Math.min(until, (long) WAVE_GROWTH * progress.merged);
        }
        for (int c = progress.merged; c < until; c++) {
          requests.add(new Request(progress.plan.candidates.partitions()[c], q, c));
        }
        progress.requestedUntil = until;
        progress.ceiling = progress.top.worstScore();
      }
      if (requests.isEmpty()) {
        break;
      }
      scanGrouped(requests, queries, threads);
      for (QueryProgress progress : queries) {
        if (!progress.finished) {
          progress.mergeInOrder(scan.geometry());
        }
      }
    }
    ScanOutcome[] outcomes = new ScanOutcome[queries.length];
    for (int q = 0; q < queries.length; q++) {
      scan.recordHeat(queries[q].plan, queries[q].merged);
      outcomes[q] = queries[q].outcome();
    }
    return outcomes;
  }

  private void scanGrouped(List<Request> requests, QueryProgress[] queries, int threads) {
    // By partition, then by query: requests arrive in query order, so (partition, arrival) keys sorted as longs give
    // that order without a comparator (an object sort with one was a twentieth of a batch at 1M × 128).
    long[] keys = new long[requests.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) requests.get(i).partition << 32 | i;
    }
    Arrays.sort(keys);
    Request[] sorted = new Request[keys.length];
    for (int i = 0; i < keys.length; i++) {
      sorted[i] = requests.get((int) keys[i]);
    }
    List<int[]> groups = new ArrayList<>(); // [from, to) ranges of one partition
    for (int from = 0; from < sorted.length; ) {
      int to = from + 1;
      while (to < sorted.length && sorted[to].partition == sorted[from].partition) {
        to++;
      }
      groups.add(new int[] {from, to});
      from = to;
    }
    AtomicInteger nextGroup = new AtomicInteger();
    Runnable worker = () -> {
      PartitionScanner scanner = scan.scanner();
      for (int g = nextGroup.getAndIncrement(); g < groups.size(); g = nextGroup.getAndIncrement()) {
        int[] range = groups.get(g);
        Partition partition = scan.layout().partition(sorted[range[0]].partition);
        int sharing = 0;
        for (int r = range[0]; r < range[1]; r++) {
          sharing += queries[sorted[r].query].plan.params.k() <= MAX_SHARED_K ? 1 : 0;
        }
        boolean shares = sharing >= MIN_SHARED_SCAN;
        if (shares) {
          List<Request> shared = new ArrayList<>(sharing);
          for (int r = range[0]; r < range[1]; r++) {
            if (queries[sorted[r].query].plan.params.k() <= MAX_SHARED_K) {
              shared.add(sorted[r]);
            }
          }
          scanShared(scanner, partition, shared, queries);
        }
        for (int r = range[0]; r < range[1]; r++) {
          Request request = sorted[r];
          QueryProgress progress = queries[request.query];
          if (shares && progress.plan.params.k() <= MAX_SHARED_K) {
            continue;
          }
          // Ids within one partition are distinct; the query's merged k-th score bounds what can still matter.
          CandidateBuffer local = new CandidateBuffer(progress.plan.params.k(), progress.ceiling);
          long vectors = scanner.scan(partition, progress.plan.query, local);
          // Each (query, candidate) slot has exactly one writer; the join below publishes it.
          progress.partials[request.candidate] = local;
          progress.partialVectors[request.candidate] = vectors;
        }
      }
    };
    List<Future<?>> helpers = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      helpers.add(ScanWorkers.pool().submit(worker));
    }
    worker.run();
    for (Future<?> helper : helpers) {
      try {
        helper.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("batched search interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("batched search failed", e.getCause());
      }
    }
  }

  /**
   * Queries wanting one partition in a wave from which they share its scan ({@link PartitionScanner#scanGroup}):
   * one 4 × 4 tile of queries needs four.
   */
  static final int MIN_SHARED_SCAN = 4;

  /**
   * For queries that scan alone (k > {@value #MAX_SHARED_K}), the most a wave may multiply the candidates merged so
   * far: waves of 1, 3, 9, 27, … candidates. Why: a wave's scans are bounded by the query's merged k-th score from
   * before the wave, and at k = 100 one wave asking for everything predicted after the first partition (38 on
   * 1M × 128 at 0.8) bounded them all by that one partition's k-th score, so most rows entered a partial result.
   * Growth 2, 3, 4 and unlimited gave batched / one-by-one 1.35x, 1.47x, 1.43x, 1.36x at 0.8 and 1.54x, 1.61x,
   * 1.61x, 1.43x at 0.9 on 1M × 128 (k = 100, one run each; bench/RESULTS.md, issue 3). Sharing queries keep one
   * wave: at k = 10 the first partition already bounds tightly, and smaller waves leave fewer queries to share a
   * partition (growth 2 there took 1M × 128 from 1.46x to 1.19x at 0.8).
   */
  static final int WAVE_GROWTH = 3;

  /**
   * The largest k whose queries share scans. Why a limit: in A/B runs of the same build (batched / one-by-one QPS,
   * median of five interleaved passes, 2 cores) sharing gained at k = 10 (WordNet-MiniLM 1.53x → 1.68x at 0.8,
   * 2.95x → 3.22x at 0.99; 1M × 128 within ±5% at 0.8, +5–13% above) but lost at k = 100 (1M × 128 1.26x → 1.06x at
   * 0.8, 1.35x → 1.30x at 0.99; WordNet-MiniLM 1.34x → 1.24x at 0.8), also with only queries that already hold k
   * results sharing, and with a query leaving the shared scan once a tenth of a tile's rows needed rescoring
   * (bench/RESULTS.md, issue 3). Retried with stored row norms, k = 100 sharing still lost except at 0.99; an
   * unshared k = 100 batch spends its time in the scan kernel and in the partial top-k's heap work.
   */
  static final int MAX_SHARED_K = 16;

  /** Requests of one partition (distinct queries) scanned together, with {@link PartitionScanner#scan}'s results. */
  private static void scanShared(PartitionScanner scanner, Partition partition, List<Request> requests,
      QueryProgress[] queries) {
    int count = requests.size();
    float[][] vectors = new float[count][];
    TopKCollector[] locals = new TopKCollector[count];
    for (int i = 0; i < count; i++) {
      QueryProgress progress = queries[requests.get(i).query];
      vectors[i] = progress.plan.query;
      locals[i] = new TopKCollector(progress.plan.params.k(), true);
      locals[i].bound(progress.ceiling);
    }
    long scanned = scanner.scanGroup(partition, vectors, locals);
    for (int i = 0; i < count; i++) {
      Request request = requests.get(i);
      QueryProgress progress = queries[request.query];
      progress.partials[request.candidate] = locals[i];
      progress.partialVectors[request.candidate] = scanned;
    }
  }

  /** One partition scan wanted by one query, for its candidate at position {@code candidate}. */
  private record Request(int partition, int query, int candidate) {}

  /** A query's merged prefix, its pending partial results, and whether it has stopped. */
  private static final class QueryProgress {
    final AdaptivePartitionScan.Plan plan;
    final TopKCollector top;
    final CandidateSink[] partials;
    final long[] partialVectors;
    int merged;
    int requestedUntil;
    /** The merged top-k's k-th score when this wave's requests were made (+∞ before k results). */
    float ceiling = Float.POSITIVE_INFINITY;
    long vectors;
    double estimate = Double.NaN;
    boolean finished;

    QueryProgress(AdaptivePartitionScan.Plan plan) {
      this.plan = plan;
      this.top = new TopKCollector(plan.params.k());
      this.partials = new CandidateSink[plan.limit];
      this.partialVectors = new long[plan.limit];
      this.finished = plan.limit == 0;
    }

    void mergeInOrder(QueryGeometry geometry) {
      while (merged < requestedUntil) {
        partials[merged].mergeInto(top);
        vectors += partialVectors[merged];
        partials[merged] = null;
        merged++;
        estimate = plan.estimate(merged, top, geometry);
        if (plan.shouldStop(estimate) || merged == plan.limit) {
          finished = true;
          Arrays.fill(partials, null); // scanned beyond the stopping point: discarded, as serial never read them
          return;
        }
      }
    }

    ScanOutcome outcome() {
      return new ScanOutcome(top.sorted(), merged, vectors, plan.reported(estimate, merged));
    }
  }
}
