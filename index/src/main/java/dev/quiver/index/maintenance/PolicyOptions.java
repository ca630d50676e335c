package dev.quiver.index.maintenance;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A policy's options as {@code name=value} text (how SQL's {@code set_maintenance} and the benchmark's command line
 * pass them), read one by one with validation: an unknown name or a malformed value is an
 * {@link IllegalArgumentException} that names it and lists what is accepted.
 */
final class PolicyOptions {

  private final String policy;
  private final Map<String, String> values;
  private final Set<String> known;

  private PolicyOptions(String policy, Map<String, String> values, Set<String> known) {
    this.policy = policy;
    this.values = values;
    this.known = known;
  }

  /** Options for {@code policy}, accepting only the names in {@code known}. */
  static PolicyOptions of(String policy, Map<String, String> given, Set<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : given.entrySet()) {
      String name = entry.getKey().trim().toLowerCase(Locale.ROOT);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("option " + entry.getKey() + ": not an option of policy " + policy
            + "; it accepts " + String.join(", ", new java.util.TreeSet<>(known)));
      }
      values.put(name, entry.getValue().trim());
    }
    return new PolicyOptions(policy, values, known);
  }

  /** Parses {@code "a=1"} strings into a map, in order. */
  static Map<String, String> parse(Iterable<String> assignments) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("option '" + assignment + "': expected name=value, e.g. tau_f=0.5");
      }
      map.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
    }
    return map;
  }

  double number(String name, double fallback) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + name + " of policy " + policy + ": '" + text
          + "' is not a number");
    }
  }

  int integer(String name, int fallback) {
    double value = number(name, fallback);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("option " + name + " of policy " + policy + ": '" + values.get(name)
          + "' is not a whole number");
    }
    return (int) value;
  }

  Set<String> known() {
    return known;
  }
}
