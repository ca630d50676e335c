package dev.quiver.bench.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} and {@code --flag} options of one command, checked against the names the command
 * declares, so that a typo fails with the list of valid options instead of being ignored.
 */
public final class CommandOptions {

  private final String command;
  private final Map<String, String> values = new HashMap<>();
  /** Every value of each valued option, in the order given: a repeated option keeps them all here. */
  private final Map<String, List<String>> allValues = new HashMap<>();
  private final Set<String> flags = new LinkedHashSet<>();
  private final List<String> positional = new ArrayList<>();

  private CommandOptions(String command) {
    this.command = command;
  }

  /**
   * Parses {@code args}.
   *
   * @param valued names of options that take a value (without the leading dashes)
   * @param booleanFlags names of options that take none
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  public static CommandOptions parse(String command, String[] args, Set<String> valued, Set<String> booleanFlags) {
    CommandOptions options = new CommandOptions(command);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        options.positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inlineValue = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (booleanFlags.contains(name) && inlineValue == null) {
        options.flags.add(name);
      } else if (valued.contains(name)) {
        String value = inlineValue;
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(command + ": option --" + name + " needs a value");
          }
          value = args[++i];
        }
        options.values.put(name, value);
        options.allValues.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } else {
        Set<String> known = new LinkedHashSet<>(valued);
        known.addAll(booleanFlags);
        throw new IllegalArgumentException(command + ": unknown option --" + name + "; valid options: --"
            + String.join(", --", known));
      }
    }
    return options;
  }

  /** Arguments that are not options, in order. */
  public List<String> positional() {
    return positional;
  }

  /** Whether a boolean flag was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** Whether a valued option was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * Every value of a repeatable option, in the order given, each split at commas ({@code --o a --o b,c} gives
   * {@code [a, b, c]}); empty when the option was not given. {@link #get} returns only the last occurrence.
   */
  public List<String> getAll(String name) {
    List<String> result = new ArrayList<>();
    for (String value : allValues.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          result.add(part.trim());
        }
      }
    }
    return result;
  }

  /** The value of an option, or {@code fallback}. */
  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** The value of a required option. */
  public String require(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(command + ": option --" + name + " is required");
    }
    return value;
  }

  /** An integer option, or {@code fallback}. */
  public int getInt(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : parseInt(name, value);
  }

  /** A comma-separated list of positive integers, or {@code fallback}. */
  public int[] getIntList(String name, int[] fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    String[] parts = value.split(",");
    int[] result = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      result[i] = parseInt(name, parts[i].trim());
      if (result[i] <= 0) {
        throw new IllegalArgumentException(command + ": --" + name + " values must be positive, got " + result[i]);
      }
    }
    return result;
  }

  /** A comma-separated list of words, or {@code fallback}. */
  public List<String> getList(String name, List<String> fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    List<String> result = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        result.add(part.trim());
      }
    }
    return result;
  }

  private int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(command + ": --" + name + " expects an integer, got '" + value + "'", e);
    }
  }
}
