package dev.quiver.adapter.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites hint comments so that {@code /*+ vector_search(recall=0.95, nprobe=32) *}{@code /} parses: Calcite's
 * grammar accepts only strings or identifiers as hint option values, so bare numbers inside a hint are quoted.
 * Text outside {@code /*+ … *}{@code /} is never touched.
 */
final class HintText {

  private static final Pattern HINT = Pattern.compile("/\\*\\+(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern NUMERIC_OPTION =
      Pattern.compile("(\\w+)\\s*=\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(?=\\s*[,)])");

  private HintText() {}

  /** The SQL with numeric hint option values quoted. */
  static String quoteNumbers(String sql) {
    if (!sql.contains("/*+")) {
      return sql;
    }
    Matcher hints = HINT.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (hints.find()) {
      String body = NUMERIC_OPTION.matcher(hints.group(1)).replaceAll("$1 = '$2'");
      hints.appendReplacement(out, Matcher.quoteReplacement("/*+" + body + "*/"));
    }
    hints.appendTail(out);
    return out.toString();
  }
}
