package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.ivf.RegionChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LIRE (SPFresh), as the Ada-IVF paper runs it as a baseline: a partition over the maximum size is split in two and a
 * partition under the minimum size is deleted; after either, the vectors of the {@code radius} nearest partitions
 * are reassigned to their nearest centroid among the region's (no Lloyd iterations: ι = 0). Size is all it looks at:
 * no temperature, no drift. A pass sweeps until no partition is out of bounds.
 */
public final class LirePolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "lire";

  /** Most sweeps one pass makes (each splits or deletes every partition out of bounds once). */
  static final int MAX_SWEEPS = 16;

  private final Params params;

  /**
   * Settings (the Ada-IVF paper's: target 1000, so 2000/500, radius 25).
   *
   * @param maxSize split a partition larger than this; 0: twice the target size
   * @param minSize delete a partition smaller than this; 0: half the target size
   * @param radius neighbouring partitions whose vectors are reassigned after a split or delete, at least 1
   * @param targetSize the target the defaults of the two sizes derive from; 0: derived from the index (the
   *     build-time mean partition size, or √n/4 once larger)
   * @param seed seed of the 2-means of a split
   */
  public record Params(int maxSize, int minSize, int radius, int targetSize, long seed) {
    /** The defaults. */
    public static final Params DEFAULT = new Params(0, 0, 25, 0, 42);

    /** Validates every field. */
    public Params {
      if (maxSize < 0 || minSize < 0 || targetSize < 0) {
        throw new IllegalArgumentException("max_size, min_size, target_size: must be 0 (derived) or positive, were "
            + maxSize + ", " + minSize + ", " + targetSize);
      }
      if (maxSize > 0 && minSize >= maxSize) {
        throw new IllegalArgumentException("min_size: must be below max_size " + maxSize + ", was " + minSize);
      }
      if (radius < 1) {
        throw new IllegalArgumentException("radius: must be at least 1, was " + radius);
      }
    }

    static Params parse(Map<String, String> options) {
      PolicyOptions o = PolicyOptions.of(NAME, options, Set.of("max_size", "min_size", "radius", "target_size",
          "seed"));
      return new Params(o.integer("max_size", 0), o.integer("min_size", 0), o.integer("radius", DEFAULT.radius),
          o.integer("target_size", 0), o.integer("seed", 42));
    }
  }

  /** The policy with {@code params}. */
  public LirePolicy(Params params) {
    this.params = params;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("max_size", Integer.toString(params.maxSize()), "min_size", Integer.toString(params.minSize()),
        "radius", Integer.toString(params.radius()), "target_size", Integer.toString(params.targetSize()));
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    int target = Regions.targetSize(index, params.targetSize());
    int max = params.maxSize() > 0 ? params.maxSize() : 2 * target;
    int min = params.minSize() > 0 ? params.minSize() : Math.max(1, target / 2);
    List<MaintenanceAction> actions = new ArrayList<>();
    // A split's reassignment replaces its neighbourhood, which may still hold oversized partitions (and may make
    // some): sweep again until a sweep changes nothing, as SPFresh keeps splitting while a partition is over its
    // limit. Bounded, so that a pathological case cannot keep a pass running.
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      int before = actions.size();
      sweep(index, max, min, actions);
      if (actions.size() == before) {
        break;
      }
    }
    return actions;
  }

  /** One walk over the partitions, splitting those over {@code max} and deleting those under {@code min}. */
  private void sweep(IvfIndex index, int max, int min, List<MaintenanceAction> actions) {
    PartitionStats[] initial = index.partitionStats();
    Map<Long, PartitionStats> current = Regions.byId(initial);
    for (PartitionStats candidate : initial) {
      PartitionStats p = current.get(candidate.id());
      if (p == null) {
        continue; // absorbed by an earlier action of this sweep
      }
      int done = actions.size();
      if (p.size() > max) {
        split(index, p, max, actions);
      } else if (p.size() < min && index.nlist() > 1) {
        delete(index, p, current, min, actions);
      }
      if (actions.size() > done) {
        current = Regions.byId(index.partitionStats()); // only after a change: a stats snapshot costs O(nlist·d)
      }
    }
  }

  private void split(IvfIndex index, PartitionStats p, int max, List<MaintenanceAction> actions) {
    long start = System.nanoTime();
    int before = index.nlist();
    RegionChange halves = index.recluster(new long[] {p.id()}, null, 2, 10, false, params.seed()).commit();
    if (halves == null) {
      return;
    }
    actions.add(Regions.action(MaintenanceAction.Kind.SPLIT, before, index, halves, start,
        "size " + p.size() + " > max " + max));
    long reassignStart = System.nanoTime();
    int beforeReassign = index.nlist();
    RegionChange reassigned = reassign(index, halves.createdIds(), p.centroid());
    if (reassigned != null) {
      actions.add(Regions.action(MaintenanceAction.Kind.REINDEX, beforeReassign, index, reassigned, reassignStart,
          "reassignment around the split of " + p.id()));
    }
  }

  private void delete(IvfIndex index, PartitionStats p, Map<Long, PartitionStats> current, int min,
      List<MaintenanceAction> actions) {
    long start = System.nanoTime();
    int before = index.nlist();
    int dim = p.centroid().length;
    List<Long> neighbours = Regions.neighbours(index, p.centroid(), params.radius(), Set.of(p.id()));
    if (neighbours.isEmpty()) {
      return;
    }
    Set<Long> region = new LinkedHashSet<>();
    region.add(p.id());
    region.addAll(neighbours);
    RegionChange merged = index.recluster(Regions.toArray(region), Regions.centroidsOf(current, neighbours, dim),
        neighbours.size(), 0, false, params.seed()).commit();
    if (merged != null) {
      actions.add(Regions.action(MaintenanceAction.Kind.MERGE, before, index, merged, start,
          "size " + p.size() + " < min " + min + "; its vectors reassigned over " + neighbours.size()
              + " neighbours"));
    }
  }

  /** LIRE's reassignment: the split halves and their neighbours' vectors go to their nearest region centroid. */
  private RegionChange reassign(IvfIndex index, long[] created, float[] around) {
    Map<Long, PartitionStats> current = Regions.byId(index.partitionStats());
    Set<Long> region = new LinkedHashSet<>();
    for (long id : created) {
      region.add(id);
    }
    region.addAll(Regions.neighbours(index, around, params.radius(), region));
    int dim = around.length;
    return index.recluster(Regions.toArray(region), Regions.centroidsOf(current, region, dim), region.size(), 0,
        false, params.seed()).commit();
  }
}
