package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IndexBaseline;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.ivf.RebuildResult;
import dev.quiver.index.ivf.RegionChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ada-IVF (paper §4): partitions whose local indicator {@code f = α·T·(β·f_s + (1 − β)·f_d)} (eq. 1–4) exceeds τ_f
 * are reindexed locally (Alg. 4), hottest first, and the whole index is rebuilt when the global indicator
 * {@code G = γ·G_s + (1 − γ)·G_d} (eq. 5–7) exceeds τ_G. Temperature T makes the work follow the reads: a cold
 * partition must deviate far more than a hot one before it is touched.
 *
 * <p>Only partitions that updates modified since they were created are evaluated (the paper evaluates f "upon
 * modification of the partition"), so a fresh build or reindex is not reworked for the unevenness k-means left in it.
 *
 * <p>Local reindex of a violator v (Alg. 4): a v larger than τ_s is split by k-means into ⌈s/τ_s⌉ centroids; a v
 * under τ_s/2 contributes no centroid (it is deleted, its vectors go to its neighbours); one in between contributes
 * its mean. With the centroids of v's r_c nearest partitions these seed balanced k-means, ι iterations, over the
 * vectors of v and those neighbours; the region is swapped in atomically. A neighbour of 1.5 τ_s or more is seeded like a
 * violator, with the round(s/τ_s) centroids of a k-means over its own rows (ours: it is reclustered anyway, and
 * seeded with one centroid it would stay as coarse as it is). (The paper's Alg. 4 keeps every
 * non-split violator's mean while its text says small violators are deleted; we delete those under half the target,
 * as LIRE does, so that an index that shrinks can lose partitions without a full rebuild.)
 *
 * <p>Global indicator: the paper estimates a rebuild's error as {@code ε' = ε0·sqrt(d·n0/n)} (eq. 11). Read
 * literally that is √d·ε0 at n = n0, so G would fire on the first check; we take ε' = ε0 (the error of the last build,
 * which a rebuild over data from the same distribution would reproduce), so G_d is the relative growth of the
 * reconstruction error since the last build.
 */
public final class AdaIvfPolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "ada-ivf";

  private final Params params;

  /**
   * Settings; the paper tunes τ_f, α and β per workload, these defaults are ours. τ_f = 0.75 was chosen with
   * {@code bench workload} on Fashion-MNIST and the 1M × 128 insert-heavy stream (bench/RESULTS.md, "Choosing
   * τ_f"): 1.0 let cold partitions grow to three times the target and cost Fashion-MNIST a fifth of its search
   * QPS; 0.5 maintained more for no further gain. With T = 1 (cold), α = 1 and β = ½ a partition is reindexed once
   * its size deviates by 1.5× the target (or drifts far); a hot one much sooner.
   *
   * @param targetSize τ_s; 0: derived from the index (the build-time mean partition size, or √n/4 once larger)
   * @param tauF τ_f, local indicator threshold, ≥ 0
   * @param alpha α, temperature scale of f_T = α·T, > 0
   * @param beta β ∈ [0, 1], weight of size imbalance against drift
   * @param radius r_c, neighbouring partitions reclustered with a violator, ≥ 0
   * @param iterations ι, k-means iterations of a local reindex, ≥ 0
   * @param gamma γ ∈ [0, 1], weight of global imbalance against reconstruction error
   * @param tauG τ_G, global indicator threshold, > 0 (Infinity: never rebuild)
   * @param seed seed of every k-means
   */
  public record Params(int targetSize, double tauF, double alpha, double beta, int radius, int iterations,
      double gamma, double tauG, long seed) {
    /** The defaults. */
    public static final Params DEFAULT = new Params(0, 0.75, 1.0, 0.5, 25, 3, 0.5, 1.0, 42);

    /** Validates every field. */
    public Params {
      if (targetSize < 0) {
        throw new IllegalArgumentException("target_size: must be 0 (the build's) or positive, was " + targetSize);
      }
      if (!(tauF >= 0) || Double.isInfinite(tauF)) {
        throw new IllegalArgumentException("tau_f: must be finite and ≥ 0, was " + tauF);
      }
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha: must be finite and > 0, was " + alpha);
      }
      if (!(beta >= 0 && beta <= 1)) {
        throw new IllegalArgumentException("beta: must be in [0, 1], was " + beta);
      }
      if (radius < 0 || iterations < 0) {
        throw new IllegalArgumentException("radius, iterations: must be ≥ 0, were " + radius + ", " + iterations);
      }
      if (!(gamma >= 0 && gamma <= 1)) {
        throw new IllegalArgumentException("gamma: must be in [0, 1], was " + gamma);
      }
      if (!(tauG > 0)) {
        throw new IllegalArgumentException("tau_g: must be > 0 (Infinity never rebuilds), was " + tauG);
      }
    }

    static Params parse(Map<String, String> options) {
      PolicyOptions o = PolicyOptions.of(NAME, options, Set.of("target_size", "tau_f", "alpha", "beta", "radius",
          "iterations", "gamma", "tau_g", "seed"));
      return new Params(o.integer("target_size", DEFAULT.targetSize), o.number("tau_f", DEFAULT.tauF),
          o.number("alpha", DEFAULT.alpha), o.number("beta", DEFAULT.beta), o.integer("radius", DEFAULT.radius),
          o.integer("iterations", DEFAULT.iterations), o.number("gamma", DEFAULT.gamma),
          o.number("tau_g", DEFAULT.tauG), o.integer("seed", 42));
    }
  }

  /** The policy with {@code params}. */
  public AdaIvfPolicy(Params params) {
    this.params = params;
  }

  /** The settings. */
  public Params params() {
    return params;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("target_size", Integer.toString(params.targetSize()), "tau_f", Double.toString(params.tauF()),
        "alpha", Double.toString(params.alpha()), "beta", Double.toString(params.beta()), "radius",
        Integer.toString(params.radius()), "iterations", Integer.toString(params.iterations()), "gamma",
        Double.toString(params.gamma()), "tau_g", Double.toString(params.tauG()));
  }

  /** f_s (eq. 3): relative deviation of {@code size} from the target; +∞ for an empty partition. */
  public static double sizeDeviation(int size, int target) {
    if (size >= target) {
      return (size - target) / (double) target;
    }
    return size == 0 ? Double.POSITIVE_INFINITY : (target - size) / (double) size;
  }

  /** The local indicator f (eq. 1) of a partition. */
  public static double localIndicator(PartitionStats p, int target, Params params) {
    double fs = sizeDeviation(p.size(), target);
    double deviation = params.beta() * fs + (1 - params.beta()) * p.drift();
    return params.alpha() * p.temperature() * deviation;
  }

  /** The global indicator G (eq. 5) of the index now. */
  public static double globalIndicator(IvfIndex index, Params params) {
    IndexBaseline base = index.baseline();
    double sigma = IndexBaseline.sizeStdDev(index.partitionSizes());
    double gs = base.sizeStdDev() == 0 ? 0 : Math.abs(sigma - base.sizeStdDev()) / base.sizeStdDev();
    double estimate = base.reconstructionError();
    double gd = estimate == 0 ? 0 : Math.abs(index.reconstructionError() - estimate) / estimate;
    return params.gamma() * gs + (1 - params.gamma()) * gd;
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    List<MaintenanceAction> actions = new ArrayList<>();
    if (index.size() == 0) {
      return actions;
    }
    int target = Regions.targetSize(index, params.targetSize());
    PartitionStats[] stats = index.partitionStats();
    List<PartitionStats> violators = new ArrayList<>();
    Map<PartitionStats, Double> indicator = new java.util.HashMap<>();
    for (PartitionStats p : stats) {
      if (p.changes() == 0) {
        continue; // f is evaluated "upon modification of the partition" (§4.2.1): a partition as built is left be
      }
      double f = localIndicator(p, target, params);
      if (f > params.tauF() && stats.length > 1) {
        violators.add(p);
        indicator.put(p, f);
      }
    }
    violators.sort(Comparator.comparingDouble(p -> -indicator.get(p)));
    for (List<Violator> component : components(index, violators)) {
      reindex(index, component, target, indicator, actions);
    }
    double g = globalIndicator(index, params);
    if (g > params.tauG()) {
      int nlist = (int) Math.max(1, Math.min(index.size(), Math.round((double) index.size() / target)));
      RebuildResult result = index.rebuild(nlist, null);
      actions.add(new MaintenanceAction(MaintenanceAction.Kind.REBUILD, result.partitionsBefore(),
          result.partitionsAfter(), result.vectors(), result.nanos(), String.format(java.util.Locale.ROOT,
              "global indicator G = %.3f > tau_g %.3f", g, params.tauG())));
    }
    return actions;
  }

  /** A violator with the neighbours Alg. 4 reclusters with it (its r_c nearest partitions that are not violators). */
  private record Violator(PartitionStats stats, List<Long> neighbours) {}

  /**
   * Groups violators whose regions (the violator and its neighbours) overlap. Alg. 4 reclusters every violator and
   * neighbour in one k-means; where the regions overlap (a batch of inserts landing in adjacent partitions) that
   * avoids reclustering the shared neighbours once per violator, and where they do not, separate k-means runs avoid
   * a run whose cost is the product of unrelated regions. Hottest components first.
   */
  private List<List<Violator>> components(IvfIndex index, List<PartitionStats> violators) {
    Set<Long> violatorIds = new java.util.HashSet<>();
    for (PartitionStats v : violators) {
      violatorIds.add(v.id());
    }
    List<Violator> all = new ArrayList<>();
    for (PartitionStats v : violators) {
      all.add(new Violator(v, Regions.neighbours(index, v.centroid(), params.radius(), violatorIds)));
    }
    int[] parent = new int[all.size()];
    java.util.Arrays.setAll(parent, i -> i);
    Map<Long, Integer> owner = new java.util.HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      List<Long> members = new ArrayList<>(all.get(i).neighbours());
      members.add(all.get(i).stats().id());
      for (long id : members) {
        Integer other = owner.putIfAbsent(id, i);
        if (other != null) {
          parent[find(parent, i)] = find(parent, other);
        }
      }
    }
    Map<Integer, List<Violator>> byRoot = new java.util.LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(all.get(i));
    }
    return new ArrayList<>(byRoot.values());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Alg. 4 over one component: split, delete or re-centre each violator, recluster it with the neighbourhood. */
  private void reindex(IvfIndex index, List<Violator> component, int target, Map<PartitionStats, Double> indicator,
      List<MaintenanceAction> actions) {
    long start = System.nanoTime();
    int before = index.nlist();
    int dim = component.get(0).stats().centroid().length;
    float[] seeds = new float[0];
    Set<Long> region = new LinkedHashSet<>();
    Set<Long> neighbours = new LinkedHashSet<>();
    List<String> what = new ArrayList<>();
    boolean split = false;
    for (Violator violator : component) {
      PartitionStats v = violator.stats();
      region.add(v.id());
      neighbours.addAll(violator.neighbours());
      String done;
      if (v.size() > target) {
        int parts = (int) Math.ceil(v.size() / (double) target);
        float[] halves = index.recluster(new long[] {v.id()}, null, parts, Math.max(1, params.iterations()), false,
            params.seed()).centroids();
        seeds = Regions.concat(seeds, halves);
        split |= halves.length / dim > 1;
        done = "split into " + (halves.length / dim);
      } else if (v.size() < Math.max(1, target / 2)) {
        done = "deleted";
      } else {
        seeds = v.mean() == null ? seeds : Regions.concat(seeds, v.mean());
        done = "re-centred";
      }
      what.add(String.format(java.util.Locale.ROOT, "partition %d (size %d, T %.2f, drift %.3f, f %.3f) %s", v.id(),
          v.size(), v.temperature(), v.drift(), indicator.get(v), done));
    }
    neighbours.removeAll(region);
    if (seeds.length == 0 && neighbours.isEmpty()) {
      return;
    }
    boolean violatorsSeeded = seeds.length > 0;
    Map<Long, PartitionStats> current = Regions.byId(index.partitionStats());
    int neighboursSplit = 0;
    for (long id : neighbours) {
      // A neighbour is reclustered anyway; one of 1.5 targets or more is split like a violator, at the cost of a
      // k-means over its own rows, rather than kept whole (under uniform reads cold partitions reach 2.5x the target
      // before they violate, and a region seeded with their single centroids stays as coarse as they are).
      PartitionStats n = current.get(id);
      int parts = (int) Math.round(n.size() / (double) target);
      if (parts > 1) {
        seeds = Regions.concat(seeds, index.recluster(new long[] {id}, null, parts, Math.max(1, params.iterations()),
            false, params.seed()).centroids());
        neighboursSplit++;
      } else {
        seeds = Regions.concat(seeds, n.centroid());
      }
    }
    if (neighboursSplit > 0) {
      what.add(neighboursSplit + " oversized neighbours split");
    }
    region.addAll(neighbours);
    RegionChange change = index.recluster(Regions.toArray(region), seeds, seeds.length / dim,
        params.iterations(), true, params.seed()).commit();
    if (change != null) {
      MaintenanceAction.Kind kind = split ? MaintenanceAction.Kind.SPLIT
          : !violatorsSeeded ? MaintenanceAction.Kind.MERGE : MaintenanceAction.Kind.REINDEX;
      actions.add(Regions.action(kind, before, index, change, start, String.join("; ", what) + String.format(
          java.util.Locale.ROOT, " (f > tau_f %.3f), with %d neighbours", params.tauF(), neighbours.size())));
    }
  }

  /** The indicator values of every partition, by partition index (what {@code quiver.partitions} shows). */
  public double[] localIndicators(IvfIndex index, PartitionStats[] stats) {
    int target = Regions.targetSize(index, params.targetSize());
    double[] out = new double[stats.length];
    Arrays.setAll(out, i -> localIndicator(stats[i], target, params));
    return out;
  }
}
