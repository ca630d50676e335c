package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ada-IVF and the Quake cost model in one pass (issue 5: "Ada-IVF and Quake can be combined"): Quake first splits
 * the partitions whose measured scan cost pays for a split and merges small cold ones, then Ada-IVF reindexes the
 * regions whose temperature-weighted indicator still violates its threshold and rebuilds when its global indicator
 * says so. Each keeps its own state and options; an option goes to every part that accepts it (so {@code radius}
 * and {@code seed} set both).
 */
public final class CombinedPolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "ada-ivf+quake";

  private final QuakePolicy quake;
  private final AdaIvfPolicy adaIvf;

  /** The combination of {@code quake} and {@code adaIvf}, run in that order. */
  public CombinedPolicy(QuakePolicy quake, AdaIvfPolicy adaIvf) {
    this.quake = quake;
    this.adaIvf = adaIvf;
  }

  static CombinedPolicy parse(Map<String, String> options) {
    Set<String> quakeNames = Set.of("split_access", "threshold", "radius", "refine_iterations", "min_queries",
        "max_merge_checks", "seed");
    Set<String> adaNames = Set.of("target_size", "tau_f", "alpha", "beta", "radius", "iterations", "gamma",
        "tau_g", "seed");
    Map<String, String> toQuake = new LinkedHashMap<>();
    Map<String, String> toAda = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name = option.getKey().trim().toLowerCase(java.util.Locale.ROOT);
      boolean known = false;
      if (quakeNames.contains(name)) {
        toQuake.put(name, option.getValue());
        known = true;
      }
      if (adaNames.contains(name)) {
        toAda.put(name, option.getValue());
        known = true;
      }
      if (!known) {
        Set<String> all = new java.util.TreeSet<>(quakeNames);
        all.addAll(adaNames);
        throw new IllegalArgumentException("option " + option.getKey() + ": not an option of policy " + NAME
            + "; it accepts " + String.join(", ", all));
      }
    }
    return new CombinedPolicy(new QuakePolicy(QuakePolicy.Params.parse(toQuake)),
        new AdaIvfPolicy(AdaIvfPolicy.Params.parse(toAda)));
  }

  /** The Ada-IVF half, with the settings this policy was given (what {@code quiver.partitions} reads). */
  public AdaIvfPolicy adaIvf() {
    return adaIvf;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> all = new LinkedHashMap<>(quake.settings());
    all.putAll(adaIvf.settings());
    return all;
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    List<MaintenanceAction> actions = new ArrayList<>(quake.maintain(index));
    actions.addAll(adaIvf.maintain(index));
    return actions;
  }
}
