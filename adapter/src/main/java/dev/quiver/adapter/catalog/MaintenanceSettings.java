package dev.quiver.adapter.catalog;

import dev.quiver.index.maintenance.MaintenancePolicies;
import dev.quiver.index.maintenance.MaintenancePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one vector column's index is maintained, as {@code CALL quiver.set_maintenance} sets it and the catalog keeps
 * it: the policy's name, its options as {@code name=value} text (validated by the engine's policy factory), and the
 * options that belong to the column rather than to a policy.
 *
 * @param policy a name of {@link MaintenancePolicies#NAMES}
 * @param policyOptions the policy's options, {@code name=value}, in the order given
 * @param deltaSize capacity of the delta store in vectors (recent inserts every query scans exhaustively, moved into
 *     partitions when full); 0 disables it
 */
public record MaintenanceSettings(String policy, List<String> policyOptions, int deltaSize) {

  /** Option of the column, not of the policy: the delta store's capacity. */
  public static final String DELTA_SIZE = "delta_size";

  /** The default: {@link MaintenancePolicies#DEFAULT} with its default options, no delta store. */
  public static final MaintenanceSettings DEFAULT = new MaintenanceSettings(MaintenancePolicies.DEFAULT, List.of(),
      0);

  /**
   * Validates every field by creating the policy once.
   *
   * @throws IllegalArgumentException naming the policy, the option or the value that is wrong
   */
  public MaintenanceSettings {
    Objects.requireNonNull(policy, "policy");
    policy = policy.trim().toLowerCase(Locale.ROOT);
    policyOptions = List.copyOf(policyOptions);
    if (deltaSize < 0) {
      throw new IllegalArgumentException("option " + DELTA_SIZE + ": must be 0 (no delta store) or positive, was "
          + deltaSize);
    }
    MaintenancePolicies.create(policy, policyOptions);
  }

  /**
   * Settings from {@code policy} and {@code name=value} options, where {@code delta_size} is the column's and every
   * other option the policy's.
   */
  public static MaintenanceSettings parse(String policy, List<String> options) {
    List<String> policyOptions = new ArrayList<>();
    int deltaSize = 0;
    for (String option : options) {
      int eq = option.indexOf('=');
      String name = eq < 0 ? option.trim() : option.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (name.equals(DELTA_SIZE)) {
        String value = option.substring(eq + 1).trim();
        try {
          deltaSize = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("option " + DELTA_SIZE + ": '" + value + "' is not a whole number");
        }
      } else {
        policyOptions.add(option);
      }
    }
    return new MaintenanceSettings(policy, policyOptions, deltaSize);
  }

  /** A new instance of the policy (instances keep per-index state, so each index gets its own). */
  public MaintenancePolicy newPolicy() {
    return MaintenancePolicies.create(policy, policyOptions);
  }

  /** Every option as {@code name=value} text, the column's included: what the catalog stores. */
  public List<String> options() {
    List<String> all = new ArrayList<>(policyOptions);
    if (deltaSize > 0) {
      all.add(DELTA_SIZE + "=" + deltaSize);
    }
    return all;
  }
}
