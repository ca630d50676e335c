package dev.quiver.index.maintenance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates policies by name with validated options: what SQL's {@code set_maintenance} and the benchmark call. */
public final class MaintenancePolicies {

  /** Every policy name, in the order the benchmark reports them. */
  public static final List<String> NAMES = List.of(FrozenPolicy.NAME, UpdateCentroidsPolicy.NAME, LirePolicy.NAME,
      AdaIvfPolicy.NAME, QuakePolicy.NAME, CombinedPolicy.NAME, RebuildPolicy.NAME);

  /** The policy a table gets unless told otherwise (chosen from the workload benchmark, bench/RESULTS.md). */
  public static final String DEFAULT = AdaIvfPolicy.NAME;

  private MaintenancePolicies() {}

  /**
   * A new policy instance named {@code name} (case-insensitive) with {@code options} (option name → value).
   *
   * @throws IllegalArgumentException for an unknown policy, an unknown option or an invalid value, naming it
   */
  public static MaintenancePolicy create(String name, Map<String, String> options) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (key) {
      case FrozenPolicy.NAME -> {
        PolicyOptions.of(key, options, java.util.Set.of());
        yield new FrozenPolicy();
      }
      case UpdateCentroidsPolicy.NAME -> {
        PolicyOptions.of(key, options, java.util.Set.of());
        yield new UpdateCentroidsPolicy();
      }
      case LirePolicy.NAME -> new LirePolicy(LirePolicy.Params.parse(options));
      case AdaIvfPolicy.NAME -> new AdaIvfPolicy(AdaIvfPolicy.Params.parse(options));
      case QuakePolicy.NAME -> new QuakePolicy(QuakePolicy.Params.parse(options));
      case CombinedPolicy.NAME -> CombinedPolicy.parse(options);
      case RebuildPolicy.NAME -> new RebuildPolicy(RebuildPolicy.Params.parse(options));
      default -> throw new IllegalArgumentException("policy: no maintenance policy is named '" + name
          + "'; choose one of " + String.join(", ", NAMES));
    };
  }

  /** {@link #create(String, Map)} with options given as {@code name=value} strings. */
  public static MaintenancePolicy create(String name, List<String> assignments) {
    return create(name, PolicyOptions.parse(assignments));
  }
}
