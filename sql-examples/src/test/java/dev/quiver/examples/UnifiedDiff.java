package dev.quiver.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} style, three lines of context) of two short texts, from a longest common
 * subsequence of their lines: enough for the failure message of a script whose output differs.
 */
final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff turning {@code from} into {@code to}; empty when they are equal. */
  static String of(String fromName, String toName, List<String> from, List<String> to) {
    List<Edit> edits = edits(from, to);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(fromName).append('\n');
    out.append("+++ ").append(toName).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind == ' ') {
        i++;
        continue;
      }
      // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change within reach.
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
        if (edits.get(end).kind != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      Edit first = edits.get(start);
      int fromCount = 0;
      int toCount = 0;
      for (int j = start; j < end; j++) {
        char kind = edits.get(j).kind;
        fromCount += kind == '+' ? 0 : 1;
        toCount += kind == '-' ? 0 : 1;
      }
      out.append("@@ -").append(first.fromLine + (fromCount == 0 ? 0 : 1)).append(',').append(fromCount)
          .append(" +").append(first.toLine + (toCount == 0 ? 0 : 1)).append(',').append(toCount)
          .append(" @@\n");
      for (int j = start; j < end; j++) {
        out.append(edits.get(j).kind).append(edits.get(j).text).append('\n');
      }
      i = end;
    }
    return out.toString();
  }

  /** One line of the diff: kept (' '), removed ('-') or added ('+'), with the 0-based line numbers before it. */
  private record Edit(char kind, String text, int fromLine, int toLine) {}

  private static List<Edit> edits(List<String> from, List<String> to) {
    int n = from.size();
    int m = to.size();
    // common[i][j] = length of the longest common subsequence of from[i..] and to[j..].
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] = from.get(i).equals(to.get(j))
            ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && from.get(i).equals(to.get(j))) {
        edits.add(new Edit(' ', from.get(i), i++, j++));
      } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Edit('-', from.get(i), i++, j));
      } else {
        edits.add(new Edit('+', to.get(j), i, j++));
      }
    }
    return edits;
  }
}
