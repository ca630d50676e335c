package dev.quiver.bench.aps;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.search.SearchParams;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Finds the smallest fixed nprobe that reaches a recall target: per query (the oracle a perfect per-query tuner would
 * pick) and for all queries together (the best single nprobe a tuned deployment would use).
 *
 * <p>Both searches double nprobe from 1 until the target is reached, then bisect the last interval. That is exact
 * because fixed-nprobe recall only grows with nprobe: the partitions scanned at p are a subset of those at p + 1, and
 * a true neighbour found at p stays in the top k at p + 1 (only closer vectors, i.e. other true neighbours, could
 * push it out); ties at the k-th distance are the one exception. Every recall measured is memoised per (query,
 * nprobe), so the searches for several targets, and the mean over queries, reuse each other's index searches.
 */
public final class NprobeFinder {

  private final IvfIndex index;
  private final float[][] queries;
  private final int k;
  private final QueryRecall recall;
  /**
   * Recall differences below this count as equal, so that a mean of recalls that are exact multiples of 1/k (0.9 =
   * 9/10) is not judged to miss the target 0.9 by a rounding error of the sum.
   */
  public static final double TOLERANCE = 1e-9;

  /**
   * memo[q][p]: recall of query q at nprobe p, NaN until measured; rows (nlist + 1 doubles) allocated on first use.
   * Doubles, not floats: a float 0.9f widens to 0.8999999762, below the target 0.9.
   */
  private final double[][] memo;
  /** meanMemo[p]: mean recall over all queries at nprobe p, NaN until measured. */
  private final double[] meanMemo;
  private final SortedSet<Integer> fixedVisited = new TreeSet<>();
  private long searches;

  /**
   * @param index the index to search, not modified
   * @param queries query vectors; query number i is {@code queries[i]}
   * @param k results per search
   * @param recall recall of a result for a query number, at the same k
   */
  public NprobeFinder(IvfIndex index, float[][] queries, int k, QueryRecall recall) {
    if (queries.length == 0) {
      throw new IllegalArgumentException("queries: need at least one");
    }
    this.index = index;
    this.queries = queries;
    this.k = k;
    this.recall = recall;
    this.memo = new double[queries.length][];
    this.meanMemo = new double[index.nlist() + 1];
    Arrays.fill(meanMemo, Double.NaN);
  }

  /** Recall of query {@code query} at a fixed {@code nprobe} in [1, nlist], searching at most once per pair. */
  public double recallAt(int query, int nprobe) {
    double[] row = memo[query];
    if (row == null) {
      row = new double[index.nlist() + 1];
      Arrays.fill(row, Double.NaN);
      memo[query] = row;
    }
    if (Double.isNaN(row[nprobe])) {
      searches++;
      long[] ids = index.search(queries[query], SearchParams.fixedNprobe(k, nprobe)).ids();
      row[nprobe] = recall.recall(query, ids);
    }
    return row[nprobe];
  }

  /** Mean recall over every query at a fixed {@code nprobe} in [1, nlist]. */
  public double meanRecallAt(int nprobe) {
    if (Double.isNaN(meanMemo[nprobe])) {
      double sum = 0;
      for (int q = 0; q < queries.length; q++) {
        sum += recallAt(q, nprobe);
      }
      meanMemo[nprobe] = sum / queries.length;
    }
    return meanMemo[nprobe];
  }

  /**
   * The smallest nprobe at which query {@code query} reaches {@code target} (within {@link #TOLERANCE}), or -1 if it
   * does not even at nlist.
   */
  public int oracleNprobe(int query, double target) {
    return smallestReaching(index.nlist(), p -> recallAt(query, p) >= target - TOLERANCE);
  }

  /**
   * The smallest nprobe whose mean recall over all queries reaches {@code target} (within {@link #TOLERANCE}), or -1
   * if none in [1, nlist] does.
   */
  public int smallestFixedNprobe(double target) {
    return smallestReaching(index.nlist(), p -> {
      fixedVisited.add(p);
      return meanRecallAt(p) >= target - TOLERANCE;
    });
  }

  /** Every nprobe whose mean recall {@link #smallestFixedNprobe} evaluated, ascending. */
  public SortedSet<Integer> fixedNprobesVisited() {
    return new TreeSet<>(fixedVisited);
  }

  /** Index searches run so far (each (query, nprobe) pair at most once). */
  public long searches() {
    return searches;
  }

  /**
   * The smallest p in [1, max] with {@code reaches(p)}, assuming it is monotone (false then true), or -1 when
   * {@code reaches(max)} is false: doubling finds an interval (lo, hi] with lo failing and hi reaching in
   * log2(answer) steps, then bisection narrows it to one value.
   */
  static int smallestReaching(int max, IntPredicate reaches) {
    int lo = 0;
    int hi = 1;
    while (!reaches.test(hi)) {
      if (hi == max) {
        return -1;
      }
      lo = hi;
      hi = (int) Math.min((long) hi * 2, max);
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (reaches.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }
}
