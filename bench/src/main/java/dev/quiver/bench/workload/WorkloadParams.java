package dev.quiver.bench.workload;

/**
 * Parameters of a {@link WorkloadGenerator}: the six knobs of the Ada-IVF workload generator (paper §5.1.2) plus the
 * clustering that defines locality, the length of the stream, the neighbours per query and the seed.
 *
 * <p>Built with {@link #defaults()}, which takes the paper's fixed values where it states them, and adjusted with the
 * {@code with…} methods; every value is validated when the record is built, and an invalid one is rejected with its
 * name. Checks that need the dataset (enough vectors for the stream) are made by the generator.
 *
 * @param initialFraction s0, the fraction of the dataset resident before the first operation, in (0, 1]; default
 *     {@value #DEFAULT_INITIAL_FRACTION} (paper: {@code s0 = 0.1|X|}); the initial set is a uniform random sample
 * @param updateSize su, vectors per insert or delete batch, at least 1; default {@value #DEFAULT_UPDATE_SIZE}
 *     (paper: {@code su = 10000})
 * @param insertDeleteRatio r_id, insert batches per delete batch, ≥ 0; {@code +∞} (the default, as in the paper)
 *     means insert only and 0 means delete only
 * @param readWriteRatio r_rw, query vectors per updated vector, finite and ≥ 0: each update batch of {@code su}
 *     vectors is followed by about {@code r_rw · su} queries (the paper's default {@value #DEFAULT_READ_WRITE_RATIO}
 *     gives 1,000 queries per 10,000-vector batch); 0 means no queries
 * @param updateClusterSampleFraction CSF_u in (0, 1]: an update takes at most this fraction of a cluster's vectors
 *     before moving to another cluster; 1.0 (the default, as in the paper) takes whole clusters (high locality), a
 *     small value such as 0.001 spreads a batch over many clusters
 * @param queryClusterSampleFraction CSF_q in (0, 1], the same rule for queries; used only with
 *     {@link QuerySource#CLUSTER_SAMPLED}; default {@value #DEFAULT_QUERY_CLUSTER_SAMPLE_FRACTION}
 * @param querySource where queries come from; default {@link QuerySource#DATASET} (the paper's default)
 * @param clusters k-means clusters that partition the dataset to define locality, at least 1 and at most the
 *     dataset size; default {@value #DEFAULT_CLUSTERS} (the paper does not state its value)
 * @param queryClusters with {@link QuerySource#CLUSTER_SAMPLED}, the number of locality clusters queries come from,
 *     chosen once (seeded) for the whole stream, so that the same region stays hot from batch to batch as in the
 *     paper's Figure 5 workload; 0 (the default) means every cluster, each batch then picking its own by the CSF_q
 *     rule; at most {@code clusters}
 * @param steps update batches in the stream, each followed by its queries, ≥ 0; 0 (the default) means as many as the
 *     dataset allows, stopping before the first batch that would run out of vectors
 * @param k neighbours in each query's ground truth, at least 1; default {@value #DEFAULT_K}; the resident set must
 *     never fall below k vectors
 * @param seed seed of the clustering and of every draw; the same dataset and parameters give the same stream
 */
public record WorkloadParams(double initialFraction, int updateSize, double insertDeleteRatio, double readWriteRatio,
    double updateClusterSampleFraction, double queryClusterSampleFraction, QuerySource querySource, int clusters,
    int queryClusters, int steps, int k, long seed) {

  /** Default s0 as a fraction of the dataset (Ada-IVF §5.1.2). */
  public static final double DEFAULT_INITIAL_FRACTION = 0.1;
  /** Default su in vectors (Ada-IVF §5.1.2). */
  public static final int DEFAULT_UPDATE_SIZE = 10_000;
  /** Default r_id: insert only (Ada-IVF §5.1.2). */
  public static final double DEFAULT_INSERT_DELETE_RATIO = Double.POSITIVE_INFINITY;
  /** Default r_rw in query vectors per updated vector (Ada-IVF §5.1.2). */
  public static final double DEFAULT_READ_WRITE_RATIO = 0.1;
  /** Default CSF_u: whole clusters (Ada-IVF §5.1.2). */
  public static final double DEFAULT_UPDATE_CLUSTER_SAMPLE_FRACTION = 1.0;
  /** Default CSF_q, used only for cluster-sampled queries. */
  public static final double DEFAULT_QUERY_CLUSTER_SAMPLE_FRACTION = 1.0;
  /** Default number of locality clusters. */
  public static final int DEFAULT_CLUSTERS = 100;
  /** Default neighbours per query, the k of recall@k used by the other benchmarks. */
  public static final int DEFAULT_K = 10;
  /** Default seed. */
  public static final long DEFAULT_SEED = 42;

  /** Validates every component, naming the offending one. */
  public WorkloadParams {
    if (!(initialFraction > 0 && initialFraction <= 1)) {
      throw new IllegalArgumentException("initialFraction: must be in (0, 1], was " + initialFraction);
    }
    if (updateSize < 1) {
      throw new IllegalArgumentException("updateSize: must be at least 1 vector, was " + updateSize);
    }
    if (!(insertDeleteRatio >= 0)) {
      throw new IllegalArgumentException("insertDeleteRatio: must be >= 0 (Infinity = insert only), was "
          + insertDeleteRatio);
    }
    if (!(readWriteRatio >= 0) || Double.isInfinite(readWriteRatio)) {
      throw new IllegalArgumentException("readWriteRatio: must be a finite number >= 0, was " + readWriteRatio);
    }
    checkFraction("updateClusterSampleFraction", updateClusterSampleFraction);
    checkFraction("queryClusterSampleFraction", queryClusterSampleFraction);
    if (querySource == null) {
      throw new IllegalArgumentException("querySource: must be DATASET or CLUSTER_SAMPLED, was null");
    }
    if (clusters < 1) {
      throw new IllegalArgumentException("clusters: must be at least 1, was " + clusters);
    }
    if (queryClusters < 0 || queryClusters > clusters) {
      throw new IllegalArgumentException("queryClusters: must be 0 (all) or 1.." + clusters
          + " (the locality clusters), was " + queryClusters);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps: must be >= 0 (0 = as many as the dataset allows), was " + steps);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k: must be at least 1, was " + k);
    }
  }

  /** Parameters with every default: the Ada-IVF paper's fixed values (§5.1.2), dataset queries, 100 clusters. */
  public static WorkloadParams defaults() {
    return new WorkloadParams(DEFAULT_INITIAL_FRACTION, DEFAULT_UPDATE_SIZE, DEFAULT_INSERT_DELETE_RATIO,
        DEFAULT_READ_WRITE_RATIO, DEFAULT_UPDATE_CLUSTER_SAMPLE_FRACTION, DEFAULT_QUERY_CLUSTER_SAMPLE_FRACTION,
        QuerySource.DATASET, DEFAULT_CLUSTERS, 0, 0, DEFAULT_K, DEFAULT_SEED);
  }

  /**
   * Fraction of update batches that insert: {@code r_id / (1 + r_id)}, 1 for insert only. Batches are scheduled so
   * that after b batches exactly {@code ⌊b · p + ½⌋} have inserted.
   */
  public double insertShare() {
    return Double.isInfinite(insertDeleteRatio) ? 1.0 : insertDeleteRatio / (1 + insertDeleteRatio);
  }

  /** Same parameters with another s0 fraction. */
  public WorkloadParams withInitialFraction(double value) {
    return new WorkloadParams(value, updateSize, insertDeleteRatio, readWriteRatio, updateClusterSampleFraction,
        queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another update size su. */
  public WorkloadParams withUpdateSize(int value) {
    return new WorkloadParams(initialFraction, value, insertDeleteRatio, readWriteRatio, updateClusterSampleFraction,
        queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another insert/delete ratio r_id. */
  public WorkloadParams withInsertDeleteRatio(double value) {
    return new WorkloadParams(initialFraction, updateSize, value, readWriteRatio, updateClusterSampleFraction,
        queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another read/write ratio r_rw. */
  public WorkloadParams withReadWriteRatio(double value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, value, updateClusterSampleFraction,
        queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another update cluster sample fraction CSF_u. */
  public WorkloadParams withUpdateClusterSampleFraction(double value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio, value,
        queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with queries sampled from the clusters by the query cluster sample fraction CSF_q. */
  public WorkloadParams withClusterSampledQueries(double value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, value, QuerySource.CLUSTER_SAMPLED, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another query source (CSF_q unchanged). */
  public WorkloadParams withQuerySource(QuerySource value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, value, clusters, queryClusters, steps, k, seed);
  }

  /** Same parameters with another number of locality clusters. */
  public WorkloadParams withClusters(int value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, querySource, value, queryClusters, steps, k, seed);
  }

  /** Same parameters with queries confined to {@code value} locality clusters fixed for the stream (0: all). */
  public WorkloadParams withQueryClusters(int value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, querySource, clusters, value, steps, k, seed);
  }

  /** Same parameters with another number of update batches (0 = as many as the dataset allows). */
  public WorkloadParams withSteps(int value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, querySource, clusters, queryClusters, value, k, seed);
  }

  /** Same parameters with another ground-truth depth k. */
  public WorkloadParams withK(int value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, querySource, clusters, queryClusters, steps, value,
        seed);
  }

  /** Same parameters with another seed. */
  public WorkloadParams withSeed(long value) {
    return new WorkloadParams(initialFraction, updateSize, insertDeleteRatio, readWriteRatio,
        updateClusterSampleFraction, queryClusterSampleFraction, querySource, clusters, queryClusters, steps, k, value);
  }

  private static void checkFraction(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + ": must be in (0, 1], was " + value);
    }
  }
}
