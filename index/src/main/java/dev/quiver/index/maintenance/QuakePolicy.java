package dev.quiver.index.maintenance;

import dev.quiver.index.Metric;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.ivf.RegionChange;
import dev.quiver.index.ivf.ScanCostProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quake's cost-driven maintenance (ALGORITHMS.md §3): the expected query cost is {@code C = Σ C_i} with
 * {@code C_i = O_c + A_i·λ(s_i)} (ns per query), A_i the fraction of the window's queries that scanned partition i
 * and λ the measured scan latency ({@link ScanCostProfile}). A partition is split when the estimated
 * {@code ΔC = 2·O_c + α·A_i·(λ(s_L) + λ(s_R)) − C_i} is below −τ, first with halves of equal size, then verified with
 * the real sizes of the computed 2-means and dropped (a rollback) if it no longer pays; a kept split's
 * neighbourhood is refined by a few Lloyd iterations. A small partition is merged (its vectors given to its nearest
 * neighbours) when the saved O_c and scan cost exceed what the receivers' growth adds. Empty partitions are removed.
 */
public final class QuakePolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "quake";

  /** Profiles by (dimension, metric): measuring takes a fraction of a second, and the kernel is the same. */
  private static final Map<String, ScanCostProfile> PROFILES = new ConcurrentHashMap<>();

  /** Most split sweeps one pass makes. */
  static final int MAX_SWEEPS = 16;

  /** Smallest partition worth splitting: below it a split saves less than the two centroids it adds. */
  private static final int MIN_SPLIT_SIZE = 32;

  private final Params params;
  private final Map<Long, Long> accessAtLastPass = new HashMap<>();
  private long queriesAtLastPass = -1;
  private ScanCostProfile profile;

  /**
   * Settings.
   *
   * @param splitAccess α ∈ (0, 1]: the share of the parent's accesses each half is expected to keep (0.8–0.9)
   * @param threshold τ, the cost reduction (ns per query) an action must promise; negative: half of one centroid's
   *     O_c, so that an action must at least pay for the centroid it adds or save most of one it removes
   * @param radius partitions refined around a split, ≥ 0
   * @param refineIterations Lloyd iterations of the refinement, ≥ 0 (0: no refinement)
   * @param minQueries queries a window needs before access frequencies are trusted, ≥ 1
   * @param maxMergeChecks merges evaluated per pass (each costs a region reassignment), ≥ 0
   * @param seed seed of every k-means
   */
  public record Params(double splitAccess, double threshold, int radius, int refineIterations, int minQueries,
      int maxMergeChecks, long seed) {
    /** The defaults. */
    public static final Params DEFAULT = new Params(0.9, -1, 25, 1, 100, 16, 42);

    /** Validates every field. */
    public Params {
      if (!(splitAccess > 0 && splitAccess <= 1)) {
        throw new IllegalArgumentException("split_access: must be in (0, 1], was " + splitAccess);
      }
      if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException("threshold: must be finite, was " + threshold);
      }
      if (radius < 0 || refineIterations < 0 || maxMergeChecks < 0) {
        throw new IllegalArgumentException("radius, refine_iterations, max_merge_checks: must be ≥ 0, were "
            + radius + ", " + refineIterations + ", " + maxMergeChecks);
      }
      if (minQueries < 1) {
        throw new IllegalArgumentException("min_queries: must be at least 1, was " + minQueries);
      }
    }

    static Params parse(Map<String, String> options) {
      PolicyOptions o = PolicyOptions.of(NAME, options, Set.of("split_access", "threshold", "radius",
          "refine_iterations", "min_queries", "max_merge_checks", "seed"));
      return new Params(o.number("split_access", DEFAULT.splitAccess), o.number("threshold", DEFAULT.threshold),
          o.integer("radius", DEFAULT.radius), o.integer("refine_iterations", DEFAULT.refineIterations),
          o.integer("min_queries", DEFAULT.minQueries), o.integer("max_merge_checks", DEFAULT.maxMergeChecks),
          o.integer("seed", 42));
    }
  }

  /** The policy with {@code params}, measuring λ on first use ({@link #profile(int, Metric)}). */
  public QuakePolicy(Params params) {
    this(params, null);
  }

  /**
   * The policy with {@code params} and a given scan-cost profile (null: measured on first use). A given profile
   * makes decisions independent of the machine's timing, which tests and reproducible experiments need.
   */
  public QuakePolicy(Params params, ScanCostProfile profile) {
    this.params = params;
    this.profile = profile;
  }

  /** The profile measured for this dimension and metric (cached per JVM). */
  public static ScanCostProfile profile(int dim, Metric metric) {
    return PROFILES.computeIfAbsent(dim + "/" + metric, key -> ScanCostProfile.measure(dim, metric, 42));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("split_access", Double.toString(params.splitAccess()), "threshold",
        Double.toString(params.threshold()), "radius", Integer.toString(params.radius()), "refine_iterations",
        Integer.toString(params.refineIterations()), "min_queries", Integer.toString(params.minQueries()),
        "max_merge_checks", Integer.toString(params.maxMergeChecks()));
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    List<MaintenanceAction> actions = new ArrayList<>();
    long queries = index.queries();
    if (queriesAtLastPass < 0) {
      remember(index.partitionStats(), queries);
      return actions;
    }
    long window = queries - queriesAtLastPass;
    if (window < params.minQueries() || index.size() == 0) {
      return actions;
    }
    if (profile == null) {
      profile = profile(index.params().dim(), index.params().metric());
    }
    double oc = profile.centroidNanos();
    double tau = params.threshold() < 0 ? oc / 2 : params.threshold();
    PartitionStats[] stats = index.partitionStats();
    Map<Long, Double> access = new HashMap<>();
    for (PartitionStats p : stats) {
      long before = accessAtLastPass.getOrDefault(p.id(), 0L);
      access.put(p.id(), Math.max(0, p.accessCount() - before) / (double) window);
    }
    removeEmpty(index, stats, actions);
    // A kept split's refinement replaces its neighbourhood with new partitions, which may still be worth splitting:
    // sweep again (with the accesses the new partitions inherit) until a sweep splits nothing. Bounded.
    Set<Long> dropped = new java.util.HashSet<>();
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      if (!splitHot(index, index.partitionStats(), access, oc, tau, dropped, actions)) {
        break;
      }
    }
    mergeCold(index, access, oc, tau, actions);
    remember(index.partitionStats(), queries);
    return actions;
  }

  /**
   * One walk over the partitions, most expensive first, splitting those whose verified split pays; returns whether
   * it split any. {@code dropped} collects partitions whose split was computed and dropped, so that no later sweep
   * computes it again.
   */
  private boolean splitHot(IvfIndex index, PartitionStats[] stats, Map<Long, Double> access, double oc, double tau,
      Set<Long> dropped, List<MaintenanceAction> actions) {
    boolean split = false;
    List<PartitionStats> byCost = new ArrayList<>(List.of(stats));
    byCost.sort(Comparator.comparingDouble(p -> -access.getOrDefault(p.id(), 0.0) * profile.latency(p.size())));
    Set<Long> gone = new java.util.HashSet<>(); // replaced by an earlier split or refinement of this walk
    for (PartitionStats p : byCost) {
      double a = access.getOrDefault(p.id(), 0.0);
      if (p.size() < MIN_SPLIT_SIZE || a == 0 || gone.contains(p.id()) || dropped.contains(p.id())) {
        continue;
      }
      double half = p.size() / 2.0;
      if (splitDelta(oc, a, half, p.size() - half, p.size()) >= -tau) {
        continue;
      }
      long start = System.nanoTime();
      int before = index.nlist();
      IvfIndex.Recluster halves = index.recluster(new long[] {p.id()}, null, 2, 10, false, params.seed());
      int[] sizes = halves.sizes();
      double verified = sizes.length < 2 ? 0 : splitDelta(oc, a, sizes[0], sizes[1], p.size());
      String why = String.format(java.util.Locale.ROOT, "partition %d: size %d, access %.3f, ΔC %.0f ns", p.id(),
          p.size(), a, verified);
      if (verified >= -tau) {
        dropped.add(p.id());
        actions.add(new MaintenanceAction(MaintenanceAction.Kind.ROLLBACK, before, index.nlist(), 0,
            System.nanoTime() - start, why + " with the real halves " + java.util.Arrays.toString(sizes)
                + " ≥ −τ: split dropped"));
        continue;
      }
      RegionChange kept = halves.commit();
      if (kept == null) {
        continue;
      }
      split = true;
      actions.add(Regions.action(MaintenanceAction.Kind.SPLIT, before, index, kept, start, why));
      gone.add(p.id());
      for (long child : kept.createdIds()) {
        access.put(child, params.splitAccess() * a); // α: each half keeps most of the parent's queries
      }
      RegionChange refined = refine(index, kept.createdIds(), p.centroid(), actions);
      if (refined != null) {
        gone.addAll(java.util.Arrays.stream(refined.removedIds()).boxed().toList());
        // Refinement starts each new partition from one old centroid (the region's, in order): it inherits that
        // partition's accesses, so a hot split does not spill its queries onto a cold neighbour.
        inheritByCluster(access, refined);
      }
    }
    return split;
  }

  /**
   * Gives each partition a refinement created the accesses of the old partition its centroid started from: the
   * refinement's initial centroids are its region's, in the order of {@link RegionChange#removedIds()}.
   */
  private static void inheritByCluster(Map<Long, Double> access, RegionChange change) {
    for (int i = 0; i < change.createdIds().length; i++) {
      int cluster = change.createdClusters()[i];
      long seed = cluster >= 0 ? change.removedIds()[cluster] : -1;
      access.put(change.createdIds()[i], access.getOrDefault(seed, 0.0));
    }
  }

  /** ΔC of splitting a partition of {@code size} into {@code left} and {@code right} (ns per query). */
  private double splitDelta(double oc, double access, double left, double right, int size) {
    double after = 2 * oc + params.splitAccess() * access * (profile.latency(left) + profile.latency(right));
    return after - (oc + access * profile.latency(size));
  }

  private RegionChange refine(IvfIndex index, long[] created, float[] around, List<MaintenanceAction> actions) {
    if (params.refineIterations() == 0 || params.radius() == 0) {
      return null;
    }
    long start = System.nanoTime();
    int before = index.nlist();
    Set<Long> region = new LinkedHashSet<>();
    for (long id : created) {
      region.add(id);
    }
    region.addAll(Regions.neighbours(index, around, params.radius(), region));
    Map<Long, PartitionStats> current = Regions.byId(index.partitionStats());
    int dim = around.length;
    RegionChange refined = index.recluster(Regions.toArray(region), Regions.centroidsOf(current, region, dim),
        region.size(), params.refineIterations(), false, params.seed()).commit();
    if (refined != null) {
      actions.add(Regions.action(MaintenanceAction.Kind.REFINE, before, index, refined, start,
          params.refineIterations() + " Lloyd iteration(s) over the split's neighbourhood"));
    }
    return refined;
  }

  private void mergeCold(IvfIndex index, Map<Long, Double> access, double oc, double tau,
      List<MaintenanceAction> actions) {
    if (params.maxMergeChecks() == 0 || index.nlist() < 2) {
      return;
    }
    PartitionStats[] stats = index.partitionStats();
    double meanSize = index.size() / (double) stats.length;
    List<PartitionStats> small = new ArrayList<>();
    for (PartitionStats p : stats) {
      if (p.size() > 0 && p.size() < meanSize / 2) {
        small.add(p);
      }
    }
    small.sort(Comparator.comparingDouble(p -> access.getOrDefault(p.id(), 0.0) * profile.latency(p.size())
        + p.size() * 1e-9));
    int checks = 0;
    Set<Long> touched = new java.util.HashSet<>();
    for (PartitionStats p : small) {
      if (checks++ >= params.maxMergeChecks() || index.nlist() < 2) {
        break;
      }
      if (touched.contains(p.id())) {
        continue;
      }
      long start = System.nanoTime();
      int before = index.nlist();
      Map<Long, PartitionStats> current = Regions.byId(index.partitionStats());
      List<Long> neighbours = Regions.neighbours(index, p.centroid(), Math.max(1, Math.min(params.radius(), 8)),
          Set.of(p.id()));
      if (neighbours.isEmpty()) {
        continue;
      }
      Set<Long> region = new LinkedHashSet<>();
      region.add(p.id());
      region.addAll(neighbours);
      int dim = p.centroid().length;
      IvfIndex.Recluster merged = index.recluster(Regions.toArray(region),
          Regions.centroidsOf(current, neighbours, dim), neighbours.size(), 0, false, params.seed());
      int[] sizes = merged.sizes();
      double a = access.getOrDefault(p.id(), 0.0);
      double delta = -oc - a * profile.latency(p.size());
      for (int j = 0; j < neighbours.size(); j++) {
        PartitionStats receiver = current.get(neighbours.get(j));
        double aj = access.getOrDefault(receiver.id(), 0.0);
        double gained = Math.max(0, sizes[j] - receiver.size());
        // The receiver's own queries now scan it grown; the merged partition's queries follow its vectors.
        delta += aj * (profile.latency(sizes[j]) - profile.latency(receiver.size()))
            + a * (gained / p.size()) * profile.latency(sizes[j]);
      }
      String why = String.format(java.util.Locale.ROOT, "partition %d: size %d, access %.3f, ΔC %.0f ns", p.id(),
          p.size(), a, delta);
      if (delta >= -tau) {
        actions.add(new MaintenanceAction(MaintenanceAction.Kind.ROLLBACK, before, index.nlist(), 0,
            System.nanoTime() - start, why + " ≥ −τ: merge dropped"));
        continue;
      }
      RegionChange change = merged.commit();
      if (change != null) {
        // Each receiver grew from its own centroid; it keeps its accesses and takes the merged partition's in
        // proportion to the vectors it received.
        Map<Long, Integer> receiverSizes = new HashMap<>();
        for (long id : neighbours) {
          receiverSizes.put(id, current.get(id).size());
        }
        long[] seeds = Regions.toArray(neighbours);
        for (int i = 0; i < change.createdIds().length; i++) {
          int cluster = change.createdClusters()[i];
          long seed = cluster >= 0 ? seeds[cluster] : -1;
          double gained = Math.max(0, change.createdSizes()[i] - receiverSizes.getOrDefault(seed, 0));
          access.put(change.createdIds()[i], access.getOrDefault(seed, 0.0) + a * gained / p.size());
        }
        touched.addAll(region);
        actions.add(Regions.action(MaintenanceAction.Kind.MERGE, before, index, change, start, why));
      }
    }
  }

  /** Empty partitions cost O_c per query and hold nothing: removed outright (the index keeps at least one). */
  private void removeEmpty(IvfIndex index, PartitionStats[] stats, List<MaintenanceAction> actions) {
    for (PartitionStats p : stats) {
      if (p.size() == 0 && index.nlist() > 1) {
        long start = System.nanoTime();
        int before = index.nlist();
        RegionChange change = index.recluster(new long[] {p.id()}, p.centroid(), 1, 0, false, params.seed())
            .commit();
        if (change != null) {
          actions.add(Regions.action(MaintenanceAction.Kind.MERGE, before, index, change, start,
              "empty partition " + p.id() + " removed"));
        }
      }
    }
  }

  private void remember(PartitionStats[] stats, long queries) {
    accessAtLastPass.clear();
    for (PartitionStats p : stats) {
      accessAtLastPass.put(p.id(), p.accessCount());
    }
    queriesAtLastPass = queries;
  }
}
