package dev.quiver.bench.workload;

/**
 * The shape of a workload fixed in advance from its parameters: which update batches insert and which delete, and
 * how many queries follow each batch.
 *
 * <p>Both are spread evenly rather than drawn at random, so counts match the ratios to within one batch: after b
 * batches {@code ⌊b · p + ½⌋} have inserted ({@code p} = {@link WorkloadParams#insertShare()}), and
 * {@code round(b · su · r_rw)} queries have been issued. Because deleted ids are retired, every batch consumes
 * vectors for good, so the stream is finite and its feasibility can be checked before anything is drawn.
 *
 * @param initialCount vectors resident before the first batch, {@code round(s0 · n)}
 * @param inserts whether batch b inserts (else it deletes)
 * @param queries queries issued after batch b
 */
record UpdateSchedule(int initialCount, boolean[] inserts, int[] queries) {

  /** Number of update batches. */
  int steps() {
    return inserts.length;
  }

  /**
   * Plans the batches of {@code params} over a dataset of {@code rows} vectors: with {@code steps = 0} as many as
   * fit, else exactly {@code steps}.
   *
   * @throws IllegalArgumentException naming the parameter when the dataset cannot supply the stream: the initial set
   *     is smaller than k, no batch fits, or the requested steps would insert more vectors than are left or delete
   *     the resident set below k
   */
  static UpdateSchedule plan(WorkloadParams params, int rows) {
    int initial = (int) Math.round(params.initialFraction() * rows);
    if (initial < params.k()) {
      throw new IllegalArgumentException("initialFraction: " + params.initialFraction() + " of " + rows
          + " vectors gives " + initial + " initial vectors, fewer than k = " + params.k());
    }
    int feasible = feasibleSteps(params, rows, initial, params.steps() == 0 ? Integer.MAX_VALUE : params.steps());
    if (params.steps() == 0 && feasible == 0) {
      throw new IllegalArgumentException("updateSize: " + params.updateSize() + " is too large for a dataset of "
          + rows + " vectors with " + initial + " initially resident: not even one batch fits");
    }
    if (params.steps() > feasible) {
      throw new IllegalArgumentException("steps: " + params.steps() + " batches of " + params.updateSize()
          + " vectors do not fit a dataset of " + rows + " vectors with " + initial + " initially resident (inserts"
          + " take never-inserted vectors, deletes must leave at least k = " + params.k() + "); use at most "
          + feasible + ", or 0 for as many as fit");
    }
    boolean[] inserts = new boolean[feasible];
    int[] queries = new int[feasible];
    double queriesPerBatch = params.updateSize() * params.readWriteRatio();
    for (int b = 0; b < feasible; b++) {
      inserts[b] = isInsert(params, b);
      queries[b] = (int) (Math.round((b + 1) * queriesPerBatch) - Math.round(b * queriesPerBatch));
    }
    return new UpdateSchedule(initial, inserts, queries);
  }

  /** Batches, up to {@code limit}, before the first that would run out of vectors. */
  private static int feasibleSteps(WorkloadParams params, int rows, int initial, int limit) {
    long absent = rows - initial;
    long resident = initial;
    int su = params.updateSize();
    for (int b = 0; b < limit; b++) {
      if (isInsert(params, b)) {
        if (absent < su) {
          return b;
        }
        absent -= su;
        resident += su;
      } else {
        if (resident - su < params.k()) {
          return b;
        }
        resident -= su;
      }
    }
    return limit;
  }

  /** Whether batch b inserts: the insert count {@code ⌊b · p + ½⌋} rises at b + 1. */
  private static boolean isInsert(WorkloadParams params, int b) {
    double p = params.insertShare();
    return Math.floor((b + 1) * p + 0.5) > Math.floor(b * p + 0.5);
  }
}
