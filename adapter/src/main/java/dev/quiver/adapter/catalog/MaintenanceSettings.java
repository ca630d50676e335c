package dev.quiver.adapter.catalog;

import dev.quiver.index.maintenance.MaintenancePolicies;
import dev.quiver.index.maintenance.MaintenancePolicy;
import dev.quiver.index.maintenance.MaintenanceWorker;
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
 * @param intervalMillis how often the background worker looks for work, in ms (≥ 10); 0: no background passes, only
 *     {@code CALL quiver.reindex}
 */
public record MaintenanceSettings(String policy, List<String> policyOptions, int deltaSize, long intervalMillis) {

  /** Option of the column, not of the policy: the delta store's capacity. */
  public static final String DELTA_SIZE = "delta_size";
  /** Option of the column, not of the policy: the background worker's interval. */
  public static final String INTERVAL_MS = "interval_ms";

  /** The default: {@link MaintenancePolicies#DEFAULT} with its default options, no delta store, a pass a second. */
  public static final MaintenanceSettings DEFAULT = new MaintenanceSettings(MaintenancePolicies.DEFAULT, List.of(),
      0, MaintenanceWorker.Params.DEFAULT.intervalMillis());

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
    if (intervalMillis != 0 && intervalMillis < 10) {
      throw new IllegalArgumentException("option " + INTERVAL_MS + ": must be 0 (no background passes) or at least"
          + " 10 ms, was " + intervalMillis);
    }
    MaintenancePolicies.create(policy, policyOptions);
  }

  /** The background worker's parameters. */
  public MaintenanceWorker.Params workerParams() {
    return new MaintenanceWorker.Params(intervalMillis, MaintenanceWorker.Params.DEFAULT.writesPerPass());
  }

  /**
   * Settings from {@code policy} and {@code name=value} options, where {@code delta_size} is the column's and every
   * other option the policy's.
   */
  public static MaintenanceSettings parse(String policy, List<String> options) {
    List<String> policyOptions = new ArrayList<>();
    int deltaSize = 0;
    long interval = DEFAULT.intervalMillis();
    for (String option : options) {
      int eq = option.indexOf('=');
      String name = eq < 0 ? option.trim() : option.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (name.equals(DELTA_SIZE)) {
        deltaSize = (int) wholeNumber(DELTA_SIZE, option.substring(eq + 1).trim());
      } else if (name.equals(INTERVAL_MS)) {
        interval = wholeNumber(INTERVAL_MS, option.substring(eq + 1).trim());
      } else {
        policyOptions.add(option);
      }
    }
    return new MaintenanceSettings(policy, policyOptions, deltaSize, interval);
  }

  private static long wholeNumber(String option, String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + option + ": '" + value + "' is not a whole number");
    }
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
    if (intervalMillis != DEFAULT.intervalMillis()) {
      all.add(INTERVAL_MS + "=" + intervalMillis);
    }
    return all;
  }
}
