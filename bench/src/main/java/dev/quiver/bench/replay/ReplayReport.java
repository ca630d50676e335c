package dev.quiver.bench.replay;

import dev.quiver.index.maintenance.MaintenancePolicies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Everything {@code bench workload} measured, and how it is printed: a title and header lines naming the dataset,
 * workload and index settings; a Markdown table of the headline figures with ratios to Rebuild; a table of the parts;
 * the partition count over time; per-batch recall and QPS; and the lines that state the figures. With
 * {@code --json}, one JSON object per method on the output and everything else on stderr.
 *
 * @param title heading naming the dataset and the workload
 * @param header lines describing the settings, printed under the title
 * @param results one per method, in run order
 * @param notes remarks (e.g. a method that ended with another vector count than the stream)
 * @param context fields added to every JSON object (dataset, k, target size, …)
 */
public record ReplayReport(String title, List<String> header, List<ReplayResult> results, List<String> notes,
    Map<String, Object> context) {

  /** Partition counts printed per method at most; longer series are sampled evenly (the JSON has them all). */
  static final int SERIES_POINTS = 20;

  /** Copies the lists. */
  public ReplayReport {
    header = List.copyOf(header);
    results = List.copyOf(results);
    notes = List.copyOf(notes);
    context = Map.copyOf(context);
  }

  /** Prints the report as Markdown, or as JSON lines with the text on {@code err}. */
  public void print(PrintStream out, PrintStream err, boolean json) {
    ReplayResult rebuild = result("rebuild").orElse(null);
    if (json) {
      results.forEach(r -> out.println(r.toJson(rebuild, context)));
      err.println(title);
      header.forEach(err::println);
      lines().forEach(err::println);
      return;
    }
    out.println("## " + title);
    out.println();
    header.forEach(out::println);
    out.println();
    out.println("| method | recall mean | search QPS | update vectors/s | maintenance s | total s | partitions "
        + "start → end (min–max) | QPS / rebuild | update / rebuild | maintenance / rebuild | total / rebuild |");
    out.println("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    for (ReplayResult r : results) {
      out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %d → %d (%d–%d) | %s | %s | %s | %s |%n",
          r.method(), ReplayResult.number("%.4f", r.recallMean()), ReplayResult.number("%,.0f", r.searchQps()),
          ReplayResult.number("%,.0f", r.updateThroughput()), r.maintenanceSeconds(), r.totalSeconds(),
          r.partitionsInitial(), r.partitionsFinal(), r.partitionsMin(), r.partitionsMax(),
          ratio(r.searchQps(), rebuild == null ? Double.NaN : rebuild.searchQps()),
          ratio(r.updateThroughput(), rebuild == null ? Double.NaN : rebuild.updateThroughput()),
          ratio(r.maintenanceSeconds(), rebuild == null ? Double.NaN : rebuild.maintenanceSeconds()),
          ratio(r.totalSeconds(), rebuild == null ? Double.NaN : rebuild.totalSeconds()));
    }
    out.println();
    out.println("| method | build s | update s | search s | writes/s without maintenance | p50 ms | p99 ms | scanned "
        + "per query | maintenance actions | settings |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
    for (ReplayResult r : results) {
      out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s | %s |%n", r.method(),
          r.buildSeconds(), r.updateSeconds(), r.searchSeconds(), ReplayResult.number("%,.0f", r.writeThroughput()),
          ReplayResult.number("%.3f", r.latencyP50Ms()), ReplayResult.number("%.3f", r.latencyP99Ms()),
          ReplayResult.number("%,.0f", r.scannedMean()), r.actionsText(), r.setting());
    }
    out.println();
    lines().forEach(out::println);
  }

  /** The lines after the tables: series, notes and the figures. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    int steps = results.isEmpty() ? 0 : results.getFirst().partitionsOverTime().length;
    lines.add(steps <= SERIES_POINTS ? "Partitions after each update batch's maintenance pass:"
        : "Partitions after the maintenance pass of " + SERIES_POINTS + " evenly spaced update batches of "
            + steps + " (all of them in --json):");
    for (ReplayResult r : results) {
      if (!r.method().equals(ReplayMethods.LUCENE)) {
        lines.add("- " + r.method() + ": " + r.partitionsInitial() + " | " + series(r.partitionsOverTime()));
      }
    }
    lines.add("Per query batch, first → last (all batches in --json):");
    for (ReplayResult r : results) {
      double[] qps = r.qpsOverTime();
      double[] recall = r.recallOverTime();
      if (qps.length > 0) {
        lines.add(String.format(Locale.ROOT, "- %s: recall %.4f → %.4f, QPS %,.0f → %,.0f (last / first = %.2fx)",
            r.method(), recall[0], recall[recall.length - 1], qps[0], qps[qps.length - 1],
            qps[qps.length - 1] / qps[0]));
      }
    }
    lines.addAll(notes);
    lines.addAll(figures());
    return lines;
  }

  /** The figures, for the methods that ran. */
  List<String> figures() {
    List<String> lines = new ArrayList<>();
    String name = MaintenancePolicies.DEFAULT;
    Optional<ReplayResult> chosen = result(name);
    Optional<ReplayResult> rebuild = result("rebuild");
    Optional<ReplayResult> lire = result("lire");
    if (chosen.isPresent() && rebuild.isPresent()) {
      lines.add(String.format(Locale.ROOT, "default policy (%s): search QPS / rebuild = %.2fx (issue: ≥ 0.9x), "
          + "recall %.4f vs %.4f", name, chosen.get().searchQps() / rebuild.get().searchQps(),
          chosen.get().recallMean(), rebuild.get().recallMean()));
    }
    if (chosen.isPresent() && lire.isPresent()) {
      lines.add(String.format(Locale.ROOT, "default policy (%s): update throughput / lire = %.2fx (issue: ≥ 2x)",
          name, chosen.get().updateThroughput() / lire.get().updateThroughput()));
    }
    result("frozen").filter(f -> f.qpsOverTime().length > 0).ifPresent(f -> lines.add(String.format(Locale.ROOT,
        "frozen: last query batch's QPS / first's = %.2fx%s", f.qpsOverTime()[f.qpsOverTime().length - 1]
            / f.qpsOverTime()[0], rebuild.map(r -> String.format(Locale.ROOT, "; overall QPS / rebuild = %.2fx",
                f.searchQps() / r.searchQps())).orElse(""))));
    result(ReplayMethods.LUCENE).ifPresent(lucene -> {
      String ratios = results.stream().filter(r -> r != lucene).map(r -> String.format(Locale.ROOT, "%s %.2fx",
          r.method(), r.totalSeconds() / lucene.totalSeconds())).collect(Collectors.joining(", "));
      if (!ratios.isEmpty()) {
        lines.add("total time / lucene-hnsw (issue, insert-heavy: default policy ≤ 0.5x): " + ratios);
      }
    });
    return lines;
  }

  private Optional<ReplayResult> result(String method) {
    return results.stream().filter(r -> r.method().equals(method)).findFirst();
  }

  private static String ratio(double value, double baseline) {
    return Double.isNaN(baseline) ? "" : ReplayResult.number("%.2fx", value / baseline);
  }

  /** All values when there are at most {@link #SERIES_POINTS}, else that many evenly spaced ones ending at the last. */
  static String series(int[] values) {
    int n = values.length;
    int[] picks = n <= SERIES_POINTS ? IntStream.range(0, n).toArray()
        : IntStream.rangeClosed(1, SERIES_POINTS).map(i -> (int) ((long) i * n / SERIES_POINTS) - 1).toArray();
    return IntStream.of(picks).mapToObj(i -> Integer.toString(values[i])).collect(Collectors.joining(" "));
  }
}
