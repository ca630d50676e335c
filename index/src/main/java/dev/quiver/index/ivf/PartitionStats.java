package dev.quiver.index.ivf;

/**
 * One partition's state as maintenance policies read it (a snapshot; the partition may change right after).
 *
 * @param index position in the current partitioning (changes when maintenance replaces partitions)
 * @param id stable partition id, never reused
 * @param size vectors held
 * @param centroid the centroid searches route by
 * @param mean the running mean μ of the vectors (Ada-IVF Alg. 2), null when empty
 * @param initialMean μ0, the mean when the partition was created, null if it was created empty and still is
 * @param temperature read temperature T ≥ 1: how many times the mean partition's read rate recent queries read this one
 *     (Ada-IVF §4.1, measured as {@link TemperatureParams} says)
 * @param accessCount scans since the partition was created
 * @param squaredError Σ‖x − centroid‖² over its vectors
 * @param changes rows appended, removed or overwritten since the partition was created (0: as built); Ada-IVF
 *     evaluates its local indicator only for partitions updates modified (§4.2.1)
 */
public record PartitionStats(int index, long id, int size, float[] centroid, float[] mean, float[] initialMean,
    double temperature, long accessCount, double squaredError, long changes) {

  /** Ada-IVF's drift f_d = ‖μ − μ0‖ / ‖μ0‖ (eq. 4); 0 when either is unknown or μ0 is the origin. */
  public double drift() {
    if (mean == null || initialMean == null) {
      return 0;
    }
    double difference = 0;
    double norm = 0;
    for (int j = 0; j < mean.length; j++) {
      double d = mean[j] - initialMean[j];
      difference += d * d;
      norm += (double) initialMean[j] * initialMean[j];
    }
    return norm == 0 ? 0 : Math.sqrt(difference / norm);
  }
}
