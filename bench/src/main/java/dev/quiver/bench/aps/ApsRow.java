package dev.quiver.bench.aps;

import java.util.Locale;

/**
 * One row of {@code bench aps}: a search method at one recall target, with the recall it achieved and what it cost.
 *
 * @param method {@code aps}, {@code aps-T-threads}, {@code oracle}, {@code fixed} or {@code faiss-ivf-flat}
 * @param target recall@k the method was asked for (or tuned to), in (0, 1]
 * @param k results per query; recall is recall@k
 * @param recallMean mean recall@k over the queries
 * @param recallP10 10th percentile (nearest rank) of per-query recall@k; NaN when unknown (the Faiss peer reports
 *     only the mean)
 * @param nprobeMean mean partitions scanned per query
 * @param latencyP50Ms median latency of one query, in ms
 * @param latencyP99Ms 99th-percentile latency of one query, in ms
 * @param qps queries per second, one query at a time
 */
public record ApsRow(String method, double target, int k, double recallMean, double recallP10, double nprobeMean,
    double latencyP50Ms, double latencyP99Ms, double qps) {

  /** Mean latency of one query, in ms: the timed spans' total over the queries, 1,000 / {@link #qps()}. */
  public double latencyMeanMs() {
    return 1000 / qps;
  }

  /** Header of the Markdown table that {@link #toMarkdownRow()} fills. */
  public static final String MARKDOWN_HEADER = "| method | target | recall mean | recall p10 | nprobe mean | p50 ms "
      + "| p99 ms | QPS |\n|---|---:|---:|---:|---:|---:|---:|---:|";

  /** One Markdown table row; an unknown value (NaN) is an empty cell. */
  public String toMarkdownRow() {
    return "| " + method + " | " + format("%.2f", target) + " | " + format("%.4f", recallMean) + " | "
        + format("%.4f", recallP10) + " | " + format("%.1f", nprobeMean) + " | " + format("%.3f", latencyP50Ms)
        + " | " + format("%.3f", latencyP99Ms) + " | " + format("%.0f", qps) + " |";
  }

  /**
   * One JSON object with the fields {@code method, target, k, recall_mean, recall_p10, nprobe_mean, latency_p50_ms,
   * latency_p99_ms, latency_mean_ms, qps}; an unknown value is {@code null}, since JSON has no NaN.
   */
  public String toJson() {
    return "{\"method\":\"" + method + "\",\"target\":" + json("%.4f", target) + ",\"k\":" + k
        + ",\"recall_mean\":" + json("%.4f", recallMean) + ",\"recall_p10\":" + json("%.4f", recallP10)
        + ",\"nprobe_mean\":" + json("%.2f", nprobeMean) + ",\"latency_p50_ms\":" + json("%.4f", latencyP50Ms)
        + ",\"latency_p99_ms\":" + json("%.4f", latencyP99Ms) + ",\"latency_mean_ms\":"
        + json("%.4f", latencyMeanMs()) + ",\"qps\":" + json("%.1f", qps) + "}";
  }

  private static String format(String pattern, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, pattern, value);
  }

  private static String json(String pattern, double value) {
    return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, pattern, value);
  }
}
