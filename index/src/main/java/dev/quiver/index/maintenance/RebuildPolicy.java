package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.RebuildResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retrains the whole index once a fraction of its vectors changed since the last rebuild (Ada-IVF's baseline: 2.5%),
 * at the target partition size: the best search speed any policy can hope for, at the highest update cost.
 */
public final class RebuildPolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "rebuild";

  private final Params params;

  /**
   * Settings.
   *
   * @param changedFraction rebuild after this fraction of the vectors changed (inserts, deletes and updates, over the
   *     current size), in (0, 1]; default 0.025
   * @param targetSize partition size the rebuild aims at (nlist = n / targetSize); 0: derived from the index (the
   *     build-time mean partition size, or √n/4 once larger)
   */
  public record Params(double changedFraction, int targetSize) {
    /** The defaults. */
    public static final Params DEFAULT = new Params(0.025, 0);

    /** Validates every field. */
    public Params {
      if (!(changedFraction > 0 && changedFraction <= 1)) {
        throw new IllegalArgumentException("changed_fraction: must be in (0, 1], was " + changedFraction);
      }
      if (targetSize < 0) {
        throw new IllegalArgumentException("target_size: must be 0 (keep the build's) or positive, was "
            + targetSize);
      }
    }

    static Params parse(Map<String, String> options) {
      PolicyOptions o = PolicyOptions.of(NAME, options, Set.of("changed_fraction", "target_size"));
      return new Params(o.number("changed_fraction", DEFAULT.changedFraction),
          o.integer("target_size", DEFAULT.targetSize));
    }
  }

  /** The policy with {@code params}. */
  public RebuildPolicy(Params params) {
    this.params = params;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("changed_fraction", Double.toString(params.changedFraction()), "target_size",
        Integer.toString(params.targetSize()));
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    // Counted from the index's last build or rebuild, whoever made it: changes made before the policy's first pass
    // count too.
    long changed = index.mutations() - index.baseline().mutations();
    if (index.size() == 0 || changed < params.changedFraction() * index.size()) {
      return List.of();
    }
    int target = Regions.targetSize(index, params.targetSize());
    int nlist = (int) Math.max(1, Math.min(index.size(), Math.round((double) index.size() / target)));
    RebuildResult result = index.rebuild(nlist, null);
    return List.of(new MaintenanceAction(MaintenanceAction.Kind.REBUILD, result.partitionsBefore(),
        result.partitionsAfter(), result.vectors(), result.nanos(), changed + " changes since the last rebuild ≥ "
            + params.changedFraction() + " × " + index.size() + " vectors"));
  }
}
