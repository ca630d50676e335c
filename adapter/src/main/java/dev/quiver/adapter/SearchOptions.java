package dev.quiver.adapter;

import dev.quiver.functions.SqlUserError;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-query vector search options as one level of configuration sets them (hint, session, connection property or
 * table default); unset options are null and fall through to the next level.
 *
 * @param recall the recall target in (0, 1]; 1.0 means exact
 * @param nprobe a fixed number of partitions to scan, overriding APS; 0 means APS
 */
public record SearchOptions(Double recall, Integer nprobe) {

  /** Recall target when nothing else says: the engine's default, 0.9. */
  public static final double DEFAULT_RECALL = 0.9;

  /** No option set. */
  public static final SearchOptions NONE = new SearchOptions(null, null);

  /** The option names, as hints (bare) and settings ({@code vector_search.} prefix) spell them. */
  public static final Set<String> NAMES = Set.of("recall", "nprobe");

  /** Option values from this level where set, else from {@code fallback}. */
  public SearchOptions orElse(SearchOptions fallback) {
    return new SearchOptions(recall != null ? recall : fallback.recall,
        nprobe != null ? nprobe : fallback.nprobe);
  }

  /**
   * Parses {@code name = value} pairs (names without the {@code vector_search.} prefix).
   *
   * @param source where the options came from, for error messages (e.g. "hint vector_search")
   * @throws SqlUserError 22023 for an unknown name or a bad value
   */
  public static SearchOptions parse(String source, Map<String, String> values) {
    SearchOptions options = NONE;
    for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
      options = options.with(source, entry.getKey(), entry.getValue());
    }
    return options;
  }

  /** A copy with one option set from text (null clears it). */
  public SearchOptions with(String source, String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(key)) {
      throw new SqlUserError("22023", source + ": unknown option '" + name + "'; the options are recall"
          + " (a target in (0, 1], 1.0 for exact) and nprobe (partitions to scan; 0 for adaptive)");
    }
    if (value == null) {
      return key.equals("recall") ? new SearchOptions(null, nprobe) : new SearchOptions(recall, null);
    }
    String text = value.strip();
    if (key.equals("recall")) {
      double parsed = parseNumber(source, key, text);
      if (!(parsed > 0 && parsed <= 1)) {
        throw bad(source, key, text, "give a recall target greater than 0 and at most 1 (1.0 means exact)");
      }
      return new SearchOptions(parsed, nprobe);
    }
    double parsed = parseNumber(source, key, text);
    if (parsed < 0 || parsed != Math.rint(parsed) || parsed > Integer.MAX_VALUE) {
      throw bad(source, key, text, "give a whole number of partitions, or 0 for adaptive scanning");
    }
    return new SearchOptions(recall, (int) parsed);
  }

  private static double parseNumber(String source, String key, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw bad(source, key, text, "give a number");
    }
  }

  private static SqlUserError bad(String source, String key, String text, String remedy) {
    return new SqlUserError("22023", source + ": invalid value '" + text + "' for " + key + "; " + remedy);
  }
}
