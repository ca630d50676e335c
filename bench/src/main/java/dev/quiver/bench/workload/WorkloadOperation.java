package dev.quiver.bench.workload;

import java.util.Arrays;

/**
 * One batch of a streaming vector-search workload (Ada-IVF §2.1: an ordered set of batched searches and updates).
 *
 * <p>Ids are the dataset's base row indices, so an id names the same vector for the whole stream. Arrays are fresh
 * copies owned by the receiver; vectors are row-major with the dataset's dimension, exactly as stored in the dataset
 * (an index with the cosine metric normalises them itself).
 */
public sealed interface WorkloadOperation {

  /** Update batch this operation belongs to: 0-based, the initial load is -1. */
  int step();

  /**
   * Adds vectors that are not resident (never inserted before: deleted ids are retired, never re-inserted).
   *
   * @param step update batch, -1 for the initial load
   * @param ids base row indices, each not resident before this batch and distinct
   * @param vectors {@code ids.length × dim} components, row {@code i} being the vector of {@code ids[i]}
   */
  record Insert(int step, long[] ids, float[] vectors) implements WorkloadOperation {

    /** Number of vectors inserted. */
    public int count() {
      return ids.length;
    }

    /** A copy of the vector of {@code ids[i]}. */
    public float[] vector(int i) {
      int dim = vectors.length / ids.length;
      return Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
    }
  }

  /**
   * Removes resident vectors.
   *
   * @param step update batch
   * @param ids base row indices, each resident before this batch and distinct
   */
  record Delete(int step, long[] ids) implements WorkloadOperation {

    /** Number of vectors deleted. */
    public int count() {
      return ids.length;
    }
  }

  /**
   * Searches, with the exact answers over the vectors resident when the batch is issued.
   *
   * @param step update batch whose queries these are (they follow that batch)
   * @param vectors {@code count × dim} query components, row-major
   * @param count number of queries
   * @param k neighbours per query in {@code groundTruth}
   * @param groundTruth {@code count × k} resident ids, query-major, nearest first; equal scores rank the smaller id
   *     first
   */
  record Query(int step, float[] vectors, int count, int k, long[] groundTruth) implements WorkloadOperation {

    /** Checks that the arrays hold what the counts say. */
    public Query {
      if (count < 1 || vectors.length % count != 0 || (long) count * k != groundTruth.length) {
        throw new IllegalArgumentException("query batch: " + count + " queries with k = " + k + " do not match "
            + vectors.length + " components and " + groundTruth.length + " ground-truth ids");
      }
    }

    /** Components per query vector. */
    public int dim() {
      return vectors.length / count;
    }

    /** A copy of query {@code i}'s vector. */
    public float[] vector(int i) {
      return Arrays.copyOfRange(vectors, i * dim(), (i + 1) * dim());
    }

    /** A copy of query {@code i}'s exact nearest resident ids, nearest first. */
    public long[] groundTruth(int i) {
      return Arrays.copyOfRange(groundTruth, i * k, (i + 1) * k);
    }

    /**
     * Recall@k of one result list: the share of query {@code i}'s k exact neighbours found in the first k of
     * {@code resultIds}; a repeated id counts once.
     */
    public double recallAtK(int i, long[] resultIds) {
      long[] truth = groundTruth(i);
      Arrays.sort(truth);
      boolean[] found = new boolean[k];
      int hits = 0;
      for (int j = 0; j < Math.min(k, resultIds.length); j++) {
        int at = Arrays.binarySearch(truth, resultIds[j]);
        if (at >= 0 && !found[at]) {
          found[at] = true;
          hits++;
        }
      }
      return (double) hits / k;
    }
  }
}
