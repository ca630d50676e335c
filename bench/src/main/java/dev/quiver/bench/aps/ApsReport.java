package dev.quiver.bench.aps;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything {@code bench aps} measured, and how it is printed: a Markdown table (one row per method × target),
 * batched-throughput lines, notes and per-target summary lines; or, with {@code --json}, one JSON object per row on
 * the output and the lines on stderr, so that the output stays machine-readable.
 *
 * @param title heading naming the dataset, index and k
 * @param targets recall targets, in the order run
 * @param threads search threads of the {@code aps-T-threads} rows, 1 when there are none
 * @param rows one row per method × target
 * @param batches batched-throughput comparisons
 * @param concurrent independent queries on {@code threads} threads against one, read beside the threaded rows
 * @param notes remarks on how rows were obtained (tuning cost, unreachable targets, peer caveats)
 */
public record ApsReport(String title, double[] targets, int threads, List<ApsRow> rows,
    List<BatchThroughput> batches, List<ConcurrentThroughput> concurrent, List<String> notes) {

  /** Recall above target + this is overshoot: the target was met but more was paid than asked for. */
  public static final double OVERSHOOT_TOLERANCE = 0.03;

  /** Prints the report in Markdown or JSON. */
  public void print(PrintStream out, PrintStream err, boolean json) {
    if (json) {
      rows.forEach(r -> out.println(r.toJson()));
      printLines(err);
      return;
    }
    out.println("## " + title);
    out.println();
    out.println(ApsRow.MARKDOWN_HEADER);
    for (double target : targets) {
      rows.stream().filter(r -> r.target() == target).forEach(r -> out.println(r.toMarkdownRow()));
    }
    out.println();
    printLines(out);
  }

  private void printLines(PrintStream out) {
    batches.forEach(b -> out.println(b.describe()));
    concurrent.forEach(c -> out.println(c.describe()));
    notes.forEach(out::println);
    for (double target : targets) {
      out.println(summary(target));
    }
  }

  /** The summary line of one target: APS latency against the oracle and the best fixed nprobe, and its recall. */
  String summary(double target) {
    Optional<ApsRow> aps = row("aps", target);
    if (aps.isEmpty()) {
      return String.format(Locale.ROOT, "target %.2f: no aps row", target);
    }
    ApsRow a = aps.get();
    Optional<ApsRow> oracle = row("oracle", target);
    Optional<ApsRow> fixed = row("fixed", target);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "target %.2f: APS p50 / oracle p50 = %s, "
        + "APS mean / oracle mean = %s, APS p50 / fixed p50 = %s, APS mean / fixed mean = %s; APS recall %.4f %s "
        + "[%.2f, %.2f]", target, ratio(a, oracle), meanRatio(a, oracle), ratio(a, fixed), meanRatio(a, fixed),
        a.recallMean(), withinTarget(a.recallMean(), target) ? "within" : "NOT within", target,
        target + OVERSHOOT_TOLERANCE));
    row("aps-" + threads + "-threads", target).ifPresent(t -> line.append(String.format(Locale.ROOT,
        "; %d-thread / 1-thread QPS = %.2fx", threads, t.qps() / a.qps())));
    row("fixed", target).flatMap(f -> row("fixed-" + threads + "-threads", target).map(t -> t.qps() / f.qps()))
        .ifPresent(ratio -> line.append(String.format(Locale.ROOT, " (fixed nprobe: %.2fx)", ratio)));
    concurrent.stream().filter(c -> c.target() == target).findFirst().ifPresent(c -> line.append(String.format(
        Locale.ROOT, "; independent queries on %d threads: %.2fx", c.threads(), c.ratio())));
    return line.toString();
  }

  /** Whether recall met the target without overshooting it by more than {@link #OVERSHOOT_TOLERANCE}. */
  static boolean withinTarget(double recall, double target) {
    return recall >= target - NprobeFinder.TOLERANCE && recall <= target + OVERSHOOT_TOLERANCE;
  }

  /**
   * Mean latency against mean latency, from the QPS of one query at a time. Why beside the medians: Quake's
   * comparison with its oracle (APS "10–30% slower", ALGORITHMS.md §2) is of mean latency, and the two
   * distributions have different shapes: the oracle spends almost nothing on its easy median query and all of its
   * scanning on the hard tail, so its p50 is far below its mean while APS's is not.
   */
  private static String meanRatio(ApsRow aps, Optional<ApsRow> other) {
    return other.map(o -> String.format(Locale.ROOT, "%.2fx", aps.latencyMeanMs() / o.latencyMeanMs()))
        .orElse("n/a");
  }

  private static String ratio(ApsRow aps, Optional<ApsRow> other) {
    return other.map(o -> String.format(Locale.ROOT, "%.2fx", aps.latencyP50Ms() / o.latencyP50Ms())).orElse("n/a");
  }

  private Optional<ApsRow> row(String method, double target) {
    return rows.stream().filter(r -> r.method().equals(method) && r.target() == target).findFirst();
  }
}
