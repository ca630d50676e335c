package dev.quiver.bench.workload;

/**
 * Where a workload's query vectors come from (Ada-IVF §5.1.2).
 *
 * <p>The paper uses the queries shipped with the dataset for every experiment except its query-locality sweep, where
 * queries are sampled from the clusters of the data with the query cluster sample fraction {@code CSF_q}.
 */
public enum QuerySource {
  /**
   * The dataset's own query vectors, drawn in a seeded random order and reused cyclically once all have been drawn;
   * {@code CSF_q} does not apply (the paper's default: "use queries that come with the dataset").
   */
  DATASET,
  /**
   * Copies of base vectors sampled from the locality clusters by the {@code CSF_q} rule, whatever their residency:
   * a resident sample finds itself at distance 0, a held-out one is an unseen in-distribution query. Read locality
   * is then controlled like update locality.
   */
  CLUSTER_SAMPLED
}
