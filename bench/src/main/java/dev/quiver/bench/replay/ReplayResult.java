package dev.quiver.bench.replay;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * What one method did over a replayed workload: the time it spent in each kind of work, what its searches found, and
 * how its partitioning evolved.
 *
 * <p>Times are wall-clock sums over the timed calls only (vectors are copied and recall is scored outside them):
 * {@code update} the per-vector inserts and deletes, {@code maintenance} the passes after each update batch,
 * {@code search} the queries, one at a time on one thread. The initial build is reported apart and is not part of the
 * total.
 *
 * @param method method name
 * @param setting the method's settings as text
 * @param buildSeconds wall time of the initial build, in s
 * @param updateNanos time in inserts and deletes, in ns
 * @param maintenanceNanos time in maintenance passes, in ns
 * @param searchNanos time in searches, in ns
 * @param inserted vectors inserted after the initial set
 * @param deleted vectors deleted
 * @param queries queries searched
 * @param recallMean mean recall@k over all queries (NaN without queries)
 * @param scannedMean mean vectors scored per query (NaN without queries)
 * @param latencyP50Ms median query latency, in ms
 * @param latencyP99Ms 99th-percentile query latency, in ms
 * @param partitionsInitial partitions of the initial index
 * @param partitionsOverTime partitions after each update batch's maintenance pass, one per batch
 * @param maintenanceSecondsOverTime maintenance time of each batch's pass, in s
 * @param recallOverTime mean recall@k of each query batch
 * @param qpsOverTime queries per second of each query batch
 * @param actions maintenance actions taken, by kind label ({@code split}, {@code merge}, …), only kinds that occurred
 * @param actionSeconds wall time of those actions, by the same labels, in s (a pass also spends time deciding, so
 *     these sum to less than the maintenance time)
 * @param vectorsFinal vectors the index held at the end
 * @param maintenancePasses maintenance passes run, the one before the stream included
 * @param failedPasses passes that ended with an exception (their committed changes stay)
 * @param firstFailure the first failed pass's exception as text, null when none failed
 */
public record ReplayResult(String method, String setting, double buildSeconds, long updateNanos,
    long maintenanceNanos, long searchNanos, long inserted, long deleted, long queries, double recallMean,
    double scannedMean, double latencyP50Ms, double latencyP99Ms, int partitionsInitial, int[] partitionsOverTime,
    double[] maintenanceSecondsOverTime, double[] recallOverTime, double[] qpsOverTime, Map<String, Integer> actions,
    Map<String, Double> actionSeconds, int vectorsFinal, int maintenancePasses, int failedPasses, String firstFailure) {

  /**
   * One method's replays of the same stream combined: every time (update, maintenance, search, build, each batch's
   * maintenance and QPS, each action kind's), latency and recall is the median over the replays, so that a burst of
   * other load during one replay on a shared machine does not decide a ratio; partition counts, action counts and
   * vector counts come from the first replay (they are the same in every replay of a seeded stream unless a timing
   * changed a policy's decision, which the first replay then stands for).
   *
   * @throws IllegalArgumentException for no replays, or replays of different methods or streams
   */
  public static ReplayResult median(java.util.List<ReplayResult> replays) {
    if (replays.isEmpty()) {
      throw new IllegalArgumentException("replays: none to combine");
    }
    ReplayResult first = replays.get(0);
    for (ReplayResult r : replays) {
      if (!r.method.equals(first.method) || r.queries != first.queries || r.updated() != first.updated()
          || r.qpsOverTime.length != first.qpsOverTime.length
          || r.maintenanceSecondsOverTime.length != first.maintenanceSecondsOverTime.length) {
        throw new IllegalArgumentException("replays: must all be of " + first.method + " over the same stream, got "
            + r.method);
      }
    }
    java.util.Map<String, Double> actionSeconds = new java.util.LinkedHashMap<>();
    for (String kind : first.actionSeconds.keySet()) {
      actionSeconds.put(kind, median(replays, r -> r.actionSeconds.getOrDefault(kind, 0.0)));
    }
    return new ReplayResult(first.method, first.setting, median(replays, ReplayResult::buildSeconds),
        (long) median(replays, r -> r.updateNanos), (long) median(replays, r -> r.maintenanceNanos),
        (long) median(replays, r -> r.searchNanos), first.inserted, first.deleted, first.queries,
        median(replays, ReplayResult::recallMean), median(replays, ReplayResult::scannedMean),
        median(replays, ReplayResult::latencyP50Ms), median(replays, ReplayResult::latencyP99Ms),
        first.partitionsInitial, first.partitionsOverTime,
        medians(replays, ReplayResult::maintenanceSecondsOverTime), medians(replays, ReplayResult::recallOverTime),
        medians(replays, ReplayResult::qpsOverTime), first.actions, actionSeconds, first.vectorsFinal,
        first.maintenancePasses, replays.stream().mapToInt(ReplayResult::failedPasses).max().orElse(0),
        replays.stream().map(ReplayResult::firstFailure).filter(java.util.Objects::nonNull).findFirst().orElse(null));
  }

  /** The median of one value over the replays (the mean of the middle two for an even count). */
  private static double median(java.util.List<ReplayResult> replays,
      java.util.function.ToDoubleFunction<ReplayResult> value) {
    double[] values = replays.stream().mapToDouble(value).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** Element-wise medians of one per-batch series over the replays. */
  private static double[] medians(java.util.List<ReplayResult> replays,
      java.util.function.Function<ReplayResult, double[]> series) {
    double[] out = new double[series.apply(replays.get(0)).length];
    for (int i = 0; i < out.length; i++) {
      int at = i;
      out[i] = median(replays, r -> series.apply(r)[at]);
    }
    return out;
  }

  /** Vectors inserted or deleted. */
  public long updated() {
    return inserted + deleted;
  }

  /** Queries per second of search time (NaN without queries). */
  public double searchQps() {
    return queries == 0 ? Double.NaN : queries / (searchNanos / 1e9);
  }

  /**
   * Update throughput as the Ada-IVF paper counts it: vectors updated per second of update <em>and</em> maintenance
   * time, in vectors/s (NaN without updates).
   */
  public double updateThroughput() {
    return updated() == 0 ? Double.NaN : updated() / ((updateNanos + maintenanceNanos) / 1e9);
  }

  /** Vectors updated per second of the inserts and deletes alone, maintenance excluded (NaN without updates). */
  public double writeThroughput() {
    return updated() == 0 ? Double.NaN : updated() / (updateNanos / 1e9);
  }

  /** Update time, in s. */
  public double updateSeconds() {
    return updateNanos / 1e9;
  }

  /** Maintenance time, in s. */
  public double maintenanceSeconds() {
    return maintenanceNanos / 1e9;
  }

  /** Search time, in s. */
  public double searchSeconds() {
    return searchNanos / 1e9;
  }

  /** Update + maintenance + search time, in s. */
  public double totalSeconds() {
    return (updateNanos + maintenanceNanos + searchNanos) / 1e9;
  }

  /** Partitions at the end. */
  public int partitionsFinal() {
    return partitionsOverTime.length == 0 ? partitionsInitial : partitionsOverTime[partitionsOverTime.length - 1];
  }

  /** Fewest partitions at any point, the initial index included. */
  public int partitionsMin() {
    return IntStream.concat(IntStream.of(partitionsInitial), Arrays.stream(partitionsOverTime)).min().orElseThrow();
  }

  /** Most partitions at any point, the initial index included. */
  public int partitionsMax() {
    return IntStream.concat(IntStream.of(partitionsInitial), Arrays.stream(partitionsOverTime)).max().orElseThrow();
  }

  /** Actions as text with their time, e.g. {@code 12 split (1.20 s), 3 merge (0.05 s)}; {@code none} for none. */
  public String actionsText() {
    return actions.isEmpty() ? "none" : actions.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()
        + String.format(Locale.ROOT, " (%.2f s)", actionSeconds.getOrDefault(e.getKey(), 0.0)))
        .collect(Collectors.joining(", "));
  }

  /**
   * One JSON object: the fields {@code policy, recall_mean, search_qps, update_throughput, maintenance_s, total_s,
   * partitions_final}, then the parts and context, then the ratios to {@code rebuild} ({@code null} when it is null,
   * i.e. Rebuild was not run). An unknown number (NaN) is {@code null}.
   */
  public String toJson(ReplayResult rebuild, Map<String, Object> context) {
    StringBuilder json = new StringBuilder("{");
    field(json, "policy", quote(method));
    field(json, "recall_mean", number("%.4f", recallMean));
    field(json, "search_qps", number("%.1f", searchQps()));
    field(json, "update_throughput", number("%.1f", updateThroughput()));
    field(json, "maintenance_s", number("%.3f", maintenanceSeconds()));
    field(json, "total_s", number("%.3f", totalSeconds()));
    field(json, "partitions_final", Integer.toString(partitionsFinal()));
    field(json, "setting", quote(setting));
    field(json, "update_s", number("%.3f", updateSeconds()));
    field(json, "search_s", number("%.3f", searchSeconds()));
    field(json, "build_s", number("%.3f", buildSeconds));
    field(json, "write_throughput", number("%.1f", writeThroughput()));
    field(json, "inserted", Long.toString(inserted));
    field(json, "deleted", Long.toString(deleted));
    field(json, "queries", Long.toString(queries));
    field(json, "vectors_final", Integer.toString(vectorsFinal));
    field(json, "scanned_mean", number("%.1f", scannedMean));
    field(json, "latency_p50_ms", number("%.4f", latencyP50Ms));
    field(json, "latency_p99_ms", number("%.4f", latencyP99Ms));
    field(json, "partitions_initial", Integer.toString(partitionsInitial));
    field(json, "partitions_min", Integer.toString(partitionsMin()));
    field(json, "partitions_max", Integer.toString(partitionsMax()));
    field(json, "partitions_over_time", "[" + Arrays.stream(partitionsOverTime).mapToObj(Integer::toString)
        .collect(Collectors.joining(",")) + "]");
    field(json, "maintenance_s_over_time", array("%.3f", maintenanceSecondsOverTime));
    field(json, "recall_over_time", array("%.4f", recallOverTime));
    field(json, "qps_over_time", array("%.1f", qpsOverTime));
    field(json, "maintenance_passes", Integer.toString(maintenancePasses));
    field(json, "failed_passes", Integer.toString(failedPasses));
    field(json, "first_failure", firstFailure == null ? "null" : quote(firstFailure));
    field(json, "actions", "{" + actions.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(",")) + "}");
    field(json, "action_s", "{" + actionSeconds.entrySet().stream()
        .map(e -> quote(e.getKey()) + ":" + number("%.3f", e.getValue())).collect(Collectors.joining(",")) + "}");
    context.forEach((key, value) -> field(json, key, value instanceof String s ? quote(s) : String.valueOf(value)));
    field(json, "search_qps_vs_rebuild", ratio(rebuild == null ? Double.NaN : searchQps() / rebuild.searchQps()));
    field(json, "update_throughput_vs_rebuild",
        ratio(rebuild == null ? Double.NaN : updateThroughput() / rebuild.updateThroughput()));
    field(json, "maintenance_s_vs_rebuild",
        ratio(rebuild == null ? Double.NaN : maintenanceSeconds() / rebuild.maintenanceSeconds()));
    field(json, "total_s_vs_rebuild", ratio(rebuild == null ? Double.NaN : totalSeconds() / rebuild.totalSeconds()));
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    if (json.length() > 1) {
      json.append(',');
    }
    json.append('"').append(name).append("\":").append(value);
  }

  private static String ratio(double value) {
    return number("%.4f", value);
  }

  static String number(String pattern, double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, pattern, value);
  }

  private static String array(String pattern, double[] values) {
    return DoubleStream.of(values).mapToObj(v -> number(pattern, v)).collect(Collectors.joining(",", "[", "]"));
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
