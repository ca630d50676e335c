package dev.quiver.bench.replay;

import dev.quiver.index.maintenance.MaintenancePolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The methods one {@code bench workload} compares, in the order they run, with each one's options: maintenance
 * policies by their engine names ({@link MaintenancePolicies#NAMES}) and the {@value #LUCENE} pseudo-policy.
 *
 * <p>Everything is checked when parsed, before any data is loaded: an unknown method, a repeated one, an option for a
 * method that is not run, or an option the method does not accept fails with a message naming the command-line option
 * ({@code --policy} or {@code --policy-option}) and the offending text. Policy options are checked by creating the
 * policy once with them, so the engine's own validation applies.
 *
 * @param names methods in run order, lower case, distinct
 * @param options per method, its options (option name → value text), in the order given; empty maps included
 */
public record ReplayMethods(List<String> names, Map<String, Map<String, String>> options) {

  /** The pseudo-policy that replays the stream into a Lucene HNSW graph instead of an IVF index. */
  public static final String LUCENE = "lucene-hnsw";

  /** Every method, in the order a run without {@code --policy} uses: the six policies, then Lucene. */
  public static final List<String> ALL = all();

  /** Copies both collections. */
  public ReplayMethods {
    names = List.copyOf(names);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    options = Map.copyOf(copy);
  }

  /**
   * Parses {@code --policy} (a list of method names) and every {@code --policy-option} entry
   * ({@code method:key=value}).
   *
   * @throws IllegalArgumentException naming the option and the offending text
   */
  public static ReplayMethods parse(List<String> policies, List<String> policyOptions) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("--policy: names no method; choose from " + String.join(",", ALL));
    }
    Set<String> names = new LinkedHashSet<>();
    for (String given : policies) {
      String name = given.trim().toLowerCase(Locale.ROOT);
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException("--policy: no method is named '" + given + "'; choose from "
            + String.join(",", ALL));
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("--policy: '" + name + "' is listed twice");
      }
    }
    Map<String, Map<String, String>> options = new LinkedHashMap<>();
    names.forEach(n -> options.put(n, new LinkedHashMap<>()));
    for (String entry : policyOptions) {
      int colon = entry.indexOf(':');
      int eq = entry.indexOf('=');
      if (colon <= 0 || eq < colon + 2 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("--policy-option: '" + entry + "' is not method:key=value, e.g. "
            + "ada-ivf:tau_f=0.5");
      }
      String method = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (!ALL.contains(method)) {
        throw new IllegalArgumentException("--policy-option: '" + entry + "' names no method '" + method
            + "'; choose from " + String.join(",", ALL));
      }
      if (!names.contains(method)) {
        throw new IllegalArgumentException("--policy-option: '" + entry + "' is for " + method
            + ", which --policy does not run");
      }
      options.get(method).put(entry.substring(colon + 1, eq).trim(), entry.substring(eq + 1).trim());
    }
    for (Map.Entry<String, Map<String, String>> method : options.entrySet()) {
      try {
        if (method.getKey().equals(LUCENE)) {
          LuceneStreamParams.parse(method.getValue());
        } else {
          MaintenancePolicies.create(method.getKey(), method.getValue());
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--policy-option: " + method.getKey() + ": " + e.getMessage(), e);
      }
    }
    return new ReplayMethods(new ArrayList<>(names), options);
  }

  /** Whether {@code method} is run. */
  public boolean contains(String method) {
    return names.contains(method);
  }

  /** The options of {@code method} (empty when none were given). */
  public Map<String, String> optionsOf(String method) {
    return options.getOrDefault(method, Map.of());
  }

  private static List<String> all() {
    List<String> all = new ArrayList<>(MaintenancePolicies.NAMES);
    all.add(LUCENE);
    return List.copyOf(all);
  }
}
