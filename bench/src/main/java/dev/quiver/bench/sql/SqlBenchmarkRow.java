package dev.quiver.bench.sql;

import java.util.Locale;

/**
 * One line of {@code bench sql}'s search report.
 *
 * @param method what was timed: {@code engine-aps} (the index, directly), {@code sql-prepared} (the same search
 *     through embedded JDBC), or {@code sql-filter-N%} (a WHERE clause matching N% of the rows)
 * @param recallMean mean recall@k against exact results
 * @param rowsMin fewest rows any query returned
 * @param latencyP50Ms median latency, ms
 * @param latencyP99Ms 99th-percentile latency, ms
 */
public record SqlBenchmarkRow(String method, double recallMean, int rowsMin, double latencyP50Ms,
    double latencyP99Ms) {

  /** The row as a Markdown table line. */
  public String markdown() {
    return String.format(Locale.ROOT, "| %s | %.4f | %d | %.3f | %.3f |", method, recallMean, rowsMin, latencyP50Ms,
        latencyP99Ms);
  }

  /** The row as one JSON object. */
  public String json() {
    return String.format(Locale.ROOT, "{\"method\":\"%s\",\"recall_mean\":%.4f,\"rows_min\":%d,"
        + "\"latency_p50_ms\":%.4f,\"latency_p99_ms\":%.4f}", method, recallMean, rowsMin, latencyP50Ms, latencyP99Ms);
  }
}
