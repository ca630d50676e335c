package dev.quiver.bench.report;

import java.util.Locale;

/**
 * One row of a search benchmark: a method at one setting, with the recall and single-thread speed it reached.
 *
 * @param method index method, e.g. {@code quiver-ivf}, {@code faiss-ivf-flat}, {@code lucene-hnsw}
 * @param nlist partitions of an IVF method, or -1 where it does not apply
 * @param nprobe partitions scanned per query by an IVF method, or -1 where it does not apply
 * @param setting other parameters in {@code key=value} form (e.g. {@code m=16,beam=100,ef=64}), or empty
 * @param recallAt10 mean recall@10 against exact ground truth, in [0, 1]
 * @param qps queries per second, one thread, one query at a time
 * @param latencyP50Ms median latency of one query, in milliseconds
 * @param latencyP99Ms 99th-percentile latency of one query, in milliseconds
 */
public record SearchMeasurement(String method, int nlist, int nprobe, String setting, double recallAt10, double qps,
    double latencyP50Ms, double latencyP99Ms) {

  /** One JSON object, the {@code --json} form: fields {@code method, nlist, nprobe, recall_at_10, qps, latency_p50_ms, latency_p99_ms}. */
  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"method\":\"%s\",\"nlist\":%d,\"nprobe\":%d,\"setting\":\"%s\",\"recall_at_10\":%.4f,\"qps\":%.1f,"
            + "\"latency_p50_ms\":%.4f,\"latency_p99_ms\":%.4f}",
        method, nlist, nprobe, setting, recallAt10, qps, latencyP50Ms, latencyP99Ms);
  }

  /** One Markdown table row matching {@link #MARKDOWN_HEADER}. */
  public String toMarkdownRow() {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f | %.0f | %.3f | %.3f |", method,
        nlist < 0 ? "" : Integer.toString(nlist), nprobe < 0 ? "" : Integer.toString(nprobe), setting, recallAt10,
        qps, latencyP50Ms, latencyP99Ms);
  }

  /** Header of the Markdown table that {@link #toMarkdownRow()} fills. */
  public static final String MARKDOWN_HEADER = "| method | nlist | nprobe | setting | recall@10 | QPS | p50 ms | p99 ms |\n"
      + "|---|---:|---:|---|---:|---:|---:|---:|";
}
