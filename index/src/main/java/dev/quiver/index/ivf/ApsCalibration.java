package dev.quiver.index.ivf;

import dev.quiver.index.aps.Boundaries;
import dev.quiver.index.aps.CapFractionTable;
import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.aps.RecallEstimator;
import dev.quiver.index.search.SearchParams;
import dev.quiver.index.search.TopKCollector;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Finds, when an index is built, the dimension that APS's cap-fraction model should use, so that a recall target is
 * met on this data without anyone tuning anything.
 *
 * <p>Why: the model {@code ½·I_x((d+1)/2, ½)} treats the neighbourhood of a query as a uniformly filled d-ball. Real
 * embeddings fill far fewer dimensions than they have (Fashion-MNIST's 784 pixels, MiniLM's 384 components), and with
 * the ambient d the model believes that neighbours almost never cross a boundary: measured here, a 0.9 target gave
 * 0.77 recall on both real datasets (bench/RESULTS.md). The data's effective dimension is lower, and it can be
 * measured rather than guessed.
 *
 * <p>How: {@value #SAMPLE} base vectors (seeded; fewer at k = 100) act as queries, excluding themselves from their
 * own results. For each, the exact top-k, and a scan of its candidate partitions in APS order recording after every
 * partition the recall reached and the search radius ρ. Then, for each dimension on a geometric grid up to the
 * ambient one, the stop rule is replayed with the very {@link RecallEstimator} searches use, and for each target in
 * {@link #TARGETS} the dimension kept is the largest (the most confident, scanning least) whose mean recall meets
 * that target: one dimension cannot fit all targets, since real neighbourhoods are not uniform balls. Replaying
 * costs no further scans, so the whole calibration is one partial scan per sample query (seconds at 1M × 128).
 */
final class ApsCalibration {

  /** Sample queries at k = 10: enough for the mean recall to be known to about ±0.005 at 0.9. */
  static final int SAMPLE = 500;

  /**
   * Sample queries for {@code k}: {@value #SAMPLE} at k ≤ 10, fewer (at least 200) at larger k, where each query
   * contributes k neighbours to the mean and costs a longer scan (calibration took 7 s at 500 × k = 100 on
   * Fashion-MNIST, as long as the build itself).
   */
  static int samplesFor(int k) {
    return k <= 10 ? SAMPLE : Math.max(200, SAMPLE * 10 / k);
  }
  /**
   * The k values calibrated: a query uses the smallest at or above its own k (the largest above them all). The
   * model's radius is the k-th neighbour's distance, whose relation to the partitions changes with k: calibrated at
   * k = 10 only, k = 100 searches reached 0.65 for a 0.8 target on Fashion-MNIST.
   */
  static final int[] KS = {10, 100};

  /** Which calibrated k a query's k uses: the smallest at or above it, else the largest. */
  static int kIndex(int k) {
    for (int i = 0; i < KS.length; i++) {
      if (KS[i] >= k) {
        return i;
      }
    }
    return KS.length - 1;
  }
  /** Calibration targets: a query's target uses the dimension of the smallest one at or above it. */
  static final double[] TARGETS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995};

  private ApsCalibration() {}

  /**
   * The model dimensions for each k of {@link #KS}: per calibration target, the largest grid dimension whose
   * replayed mean recall meets the target, or 1 (most cautious) if none does; the ambient dimension when there are
   * too few vectors to sample.
   */
  static ModelDimensions[] calibrate(AdaptivePartitionScan ambient, float[] data, long[] ids, int dim, long seed,
      ForkJoinPool pool) {
    ModelDimensions[] byK = new ModelDimensions[KS.length];
    for (int i = 0; i < KS.length; i++) {
      byK[i] = calibrate(ambient, data, ids, dim, seed, pool, KS[i]);
    }
    return byK;
  }

  /** The model dimensions for one k. */
  static ModelDimensions calibrate(AdaptivePartitionScan ambient, float[] data, long[] ids, int dim, long seed,
      ForkJoinPool pool, int k) {
    int n = ids.length;
    if (n <= 4 * k || ambient.layout().nlist() < 2) {
      return ModelDimensions.fixed(dim);
    }
    int samples = Math.min(samplesFor(k), n);
    int[] rows = sampleRows(n, samples, seed);
    Trace[] traces = new Trace[samples];
    pool.submit(() -> IntStream.range(0, samples).parallel()
        .forEach(i -> traces[i] = trace(ambient, data, rows[i] * dim, dim, ids[rows[i]], k))).join();
    int[] grid = grid(dim);
    int most = traces.length == 0 ? 0 : traces[0].candidates();
    for (Trace trace : traces) {
      most = Math.max(most, trace.candidates());
    }
    int[] counts = candidateGrid(ambient.config().minCandidates(), most);
    int[] dimensions = new int[TARGETS.length];
    int[] candidates = new int[TARGETS.length];
    for (int t = 0; t < TARGETS.length; t++) {
      double needed = TARGETS[t] + margin(TARGETS[t], samples, k);
      // For each candidate count whose full scan can reach the target, the largest dimension that still meets it;
      // keep the pair that scans fewest partitions (fewer candidates stop sooner unless they force a cautious model).
      double bestCost = Double.POSITIVE_INFINITY;
      dimensions[t] = 1;
      candidates[t] = most;
      for (int c : counts) {
        if (meanCeiling(traces, c) < needed) {
          continue;
        }
        int d = largestDimension(traces, grid, ambient.config(), TARGETS[t], needed, c);
        if (d < 1) {
          continue;
        }
        double cost = meanScans(traces, CapFractionTable.of(d, ambient.config().capModel()),
            ambient.config().recomputeThreshold(), TARGETS[t], c);
        if (cost < bestCost - 1e-9) {
          bestCost = cost;
          dimensions[t] = d;
          candidates[t] = c;
        }
      }
      if (t > 0 && dimensions[t] > dimensions[t - 1] && candidates[t] == candidates[t - 1]) {
        dimensions[t] = dimensions[t - 1]; // with the same candidates, a higher target is never less cautious
      }
    }
    return new ModelDimensions(TARGETS.clone(), dimensions, candidates);
  }

  /** Candidate counts tried: 2%, 3%, 5%, 7.5%, 10%, 15% and 100% of the configured count, at least the minimum. */
  static int[] candidateGrid(int minimum, int most) {
    java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
    for (double share : new double[] {0.1, 0.15, 0.25, 0.375, 0.5, 0.75, 1.0}) {
      counts.add(Math.max(Math.min(minimum, most), (int) Math.round(share * most)));
    }
    return counts.stream().mapToInt(Integer::intValue).filter(c -> c >= 1).toArray();
  }

  /** Binary search for the largest grid dimension whose replay over {@code c} candidates meets {@code needed}. */
  private static int largestDimension(Trace[] traces, int[] grid, dev.quiver.index.aps.ApsConfig config,
      double target, double needed, int c) {
    // Larger dimensions are more confident and stop earlier, so replayed recall falls as the dimension grows
    // (measured monotone on all three datasets).
    int lo = -1;
    int hi = grid.length;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      CapFractionTable table = CapFractionTable.of(grid[mid], config.capModel());
      if (meanRecall(traces, table, config.recomputeThreshold(), target, c) >= needed) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo < 0 ? -1 : grid[lo];
  }

  private static double meanCeiling(Trace[] traces, int c) {
    double sum = 0;
    for (Trace trace : traces) {
      sum += trace.recallAt(Math.min(c, trace.candidates()));
    }
    return sum / traces.length;
  }

  private static double meanScans(Trace[] traces, CapFractionTable table, double recomputeThreshold, double target,
      int c) {
    double sum = 0;
    for (Trace trace : traces) {
      sum += trace.stop(table, recomputeThreshold, target, c);
    }
    return sum / traces.length;
  }

  /** 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16, 19, 23, 27, 32, … (×2^¼ steps) up to and including {@code dim}. */
  static int[] grid(int dim) {
    java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
    for (double d = 1; d < dim; d *= Math.pow(2, 0.25)) {
      values.add((int) Math.round(d));
    }
    values.add(dim);
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * How far above a target the sample's mean recall must be: one standard error of that mean (about 0.004 at 0.9
   * and 0.0014 at 0.99 with 500 × 10 neighbours), because held-out queries sit a little farther from the data than
   * the base vectors the sample is drawn from, and the target is a floor.
   */
  static double margin(double target, int samples, int k) {
    return Math.sqrt(target * (1 - target) / ((double) samples * k));
  }

  private static double meanRecall(Trace[] traces, CapFractionTable table, double recomputeThreshold,
      double target, int c) {
    double recall = 0;
    for (Trace trace : traces) {
      recall += trace.recallAt(trace.stop(table, recomputeThreshold, target, c));
    }
    return recall / traces.length;
  }

  private static int[] sampleRows(int n, int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int[] rows = IntStream.range(0, n).toArray();
    for (int i = 0; i < samples; i++) {
      int j = i + random.nextInt(n - i);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    return java.util.Arrays.copyOf(rows, samples);
  }

  /** Scans one sample query's candidates in APS order, recording recall and radius after each partition. */
  private static Trace trace(AdaptivePartitionScan ambient, float[] data, int offset, int dim, long selfId,
      int k) {
    float[] query = java.util.Arrays.copyOfRange(data, offset, offset + dim);
    long[] truth = withoutSelf(ambient.run(ambient.plan(query, SearchParams.forRecall(k + 1, 1.0))).ranked(),
        selfId, k);
    java.util.Arrays.sort(truth); // for countIn(): a binary search per held result
    AdaptivePartitionScan.Plan plan = ambient.plan(query, SearchParams.forRecall(k + 1, 0.99));
    int m = plan.candidates.size();
    float[] recall = new float[m + 1];
    float[] radius = new float[m + 1];
    // k + 1 results: the query itself is among them (it sits in its own nearest partition), so the worst of the
    // k + 1 is the k-th neighbour that is not the query.
    TopKCollector top = new TopKCollector(k + 1);
    PartitionScanner scanner = ambient.scanner();
    for (int s = 1; s <= m; s++) {
      if (recall[s - 1] < 1f) {
        scanner.scan(ambient.layout().partition(plan.candidates.partitions()[s - 1]), query, top);
        // The query itself is held too, but it is not in the truth, so it never counts as a hit.
        recall[s] = top.countIn(truth) / (float) truth.length;
        radius[s] = ambient.geometry().radius(top.worstScore(), plan.querySquaredNorm);
      } else {
        recall[s] = 1f;
        radius[s] = radius[s - 1];
      }
    }
    return new Trace(plan.boundaries, m, recall, radius);
  }

  private static long[] withoutSelf(TopKCollector.Ranked ranked, long selfId, int k) {
    long[] ids = ranked.ids();
    long[] out = new long[Math.min(k, ids.length)];
    int j = 0;
    for (int i = 0; i < ids.length && j < out.length; i++) {
      if (ids[i] != selfId) {
        out[j++] = ids[i];
      }
    }
    return java.util.Arrays.copyOf(out, j);
  }




  /** One sample query's recall and radius after each scanned candidate, and its boundary distances. */
  private record Trace(Boundaries boundaries, int candidates, float[] recall, float[] radius) {

    /**
     * How many candidates the stop rule, with this cap table and the first {@code limit} candidates, scans for
     * {@code target}; {@code recall()[stop]} is the recall it reaches.
     */
    /** Recall after the first {@code s} candidates; a query with nothing to scan counts as fully recalled. */
    double recallAt(int s) {
      return recall.length == 1 ? 1.0 : recall[s];
    }

    int stop(CapFractionTable table, double recomputeThreshold, double target, int limit) {
      int c = Math.min(limit, candidates);
      if (recall.length == 1 || c == 0) {
        return 0;
      }
      RecallEstimator estimator = new RecallEstimator(table, boundaries, c, recomputeThreshold);
      for (int s = 1; s <= c; s++) {
        if (estimator.estimate(s, radius[s]) >= target) {
          return s;
        }
      }
      return c;
    }
  }
}
