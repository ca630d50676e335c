package dev.quiver.index.search;

import dev.quiver.index.kernel.VectorKernels;
import java.util.Arrays;

/**
 * Selects the m smallest of n float scores, ties by smaller index, in O(n + m log m): scores and indices are packed
 * into one sortable long each, partitioned around the m-th by quickselect, and only the first m are sorted. A heap
 * costs O(n log m), which at APS's candidate sets (m ≈ 200 of n ≈ 1,000 centroids) was measured as a sizeable part
 * of a query.
 *
 * <p>When m is a small fraction of n, a threshold read off a strided sample of the scores first keeps only the keys
 * that can be among the m smallest, in one vector pass ({@link VectorKernels#positionsAtMost}), and quickselect runs
 * on those few. Why: quickselect over all n keys mispredicts about every other comparison, and at 4,000 centroids and
 * m = 80 it was an eighth of a batched search's time (bench/RESULTS.md, issue 3). The selection is the same either
 * way, since the kept keys are every key at or below the threshold and at least m of them. Not thread-safe: one per
 * thread, reusing its scratch array.
 */
public final class SmallestSelector {

  private long[] keys = new long[0];

  /**
   * Writes the indices of the {@code m} smallest of {@code scores[0..n)}, smallest first, into
   * {@code outIndices[0..m)} and their scores into {@code outScores[0..m)}; {@code m} is clamped to n.
   *
   * @return the number selected, {@code min(m, n)}
   */
  public int select(float[] scores, int n, int m, int[] outIndices, float[] outScores) {
    if (keys.length < n) {
      keys = new long[n];
    }
    int count = smallestKeys(scores, n, m, 0, keys);
    return selectKeys(keys, count, count, outIndices, outScores);
  }

  /**
   * Writes into {@code out[0..m)}, in no particular order, the keys (score and index packed into one long,
   * {@link #key}) of the {@code m} smallest of {@code scores[0..n)}, numbering score i as {@code firstIndex + i}:
   * one range's share of a selection split across threads, finished by {@link #selectKeys}. Uses {@code out[0..n)}
   * as scratch and nothing of its own, so any thread may call it.
   *
   * @return the number of keys written, {@code min(m, n)}
   */
  public static int smallestKeys(float[] scores, int n, int m, int firstIndex, long[] out) {
    int count = Math.min(m, n);
    if (count < n && count > 0 && (long) count * SPARSE_FRACTION <= n && keepBelowSampledThreshold(scores, n,
        count, firstIndex, out)) {
      return count;
    }
    for (int i = 0; i < n; i++) {
      out[i] = key(scores[i], firstIndex + i);
    }
    if (count < n) {
      quickselect(out, 0, n - 1, count - 1);
    }
    return count;
  }

  /** The m-th smallest of {@code scores[0..n)} (m clamped to n, at least 1). */
  public float mthSmallest(float[] scores, int n, int m) {
    if (keys.length < n) {
      keys = new long[n];
    }
    int count = smallestKeys(scores, n, Math.max(1, m), 0, keys);
    long largest = keys[0];
    for (int i = 1; i < count; i++) {
      largest = Math.max(largest, keys[i]);
    }
    return scoreOf(largest);
  }

  /** The sampled threshold pays off only when m is at most this fraction of n (1/8): else quickselect alone. */
  private static final int SPARSE_FRACTION = 8;

  /** Scores sampled, at an even stride, to place the threshold. */
  private static final int THRESHOLD_SAMPLES = 64;

  /**
   * The fast path of {@link #smallestKeys}: the threshold t is a sampled score expected to have about twice m of the
   * n scores at or below it; the positions of the scores at most t are found by a vector compare, their keys go to
   * the front of {@code out}, and if at least m were kept they are narrowed to the m smallest.
   * Every score left out is above t, hence above every kept one, so the m smallest are all kept.
   *
   * @return false, with {@code out} scratch, when fewer than m scores, or more than about 4m, were at or below t (a
   *     sample unlike the rest)
   */
  private static boolean keepBelowSampledThreshold(float[] scores, int n, int m, int firstIndex, long[] out) {
    int samples = Math.min(THRESHOLD_SAMPLES, n);
    int stride = n / samples;
    // Rank r of s samples stands for about r·n/s scores; twice m, plus two for the sample's own spread.
    int rank = (int) Math.min(samples, (2L * m * samples + n - 1) / n + 2);
    for (int i = 0; i < samples; i++) {
      out[i] = key(scores[i * stride], i);
    }
    quickselect(out, 0, samples - 1, rank - 1);
    float threshold = scoreOf(out[rank - 1]);
    // Room for twice the expected 2m, and a little for tiny m: more than that is a sample unlike the rest.
    int[] positions = new int[Math.min(n, 4 * m + 64)];
    int kept = VectorKernels.positionsAtMost(scores, n, threshold, positions);
    if (kept < m || kept > positions.length) {
      return false;
    }
    for (int j = 0; j < kept; j++) {
      out[j] = key(scores[positions[j]], firstIndex + positions[j]);
    }
    if (kept > m) {
      quickselect(out, 0, kept - 1, m - 1);
    }
    return true;
  }

  /**
   * Writes the indices of the {@code m} smallest of the {@code n} keys in {@code keys[0..n)}, smallest first, into
   * {@code outIndices[0..m)} and their scores (read back from the keys, exactly) into {@code outScores[0..m)};
   * rearranges {@code keys}. The union of {@link #smallestKeys} over disjoint ranges selects what one call over all of them
   * would, ties included, since a key orders by score and then by index.
   *
   * @return the number selected, {@code min(m, n)}
   */
  public static int selectKeys(long[] keys, int n, int m, int[] outIndices, float[] outScores) {
    int count = Math.min(m, n);
    if (count < n) {
      quickselect(keys, 0, n - 1, count - 1);
    }
    Arrays.sort(keys, 0, count);
    for (int i = 0; i < count; i++) {
      int index = (int) keys[i];
      outIndices[i] = index;
      outScores[i] = scoreOf(keys[i]);
    }
    return count;
  }

  /** A score and its index as one long whose signed order is by score, then by index (indices are non-negative). */
  static long key(float score, int index) {
    return ((long) sortableBits(score) << 32) | index;
  }

  /** The score packed into a {@link #key}, exactly: the bit flip of {@link #sortableBits} is its own inverse. */
  static float scoreOf(long key) {
    return Float.intBitsToFloat(flipNegative((int) (key >> 32)));
  }

  /** An int whose signed order is the float's numeric order (−0 before +0; NaN never occurs here). */
  static int sortableBits(float value) {
    return flipNegative(Float.floatToRawIntBits(value));
  }

  /** Flips the 31 low bits of a negative int: a negative float's bits then order like its value. */
  private static int flipNegative(int bits) {
    return bits ^ ((bits >> 31) & 0x7FFF_FFFF);
  }

  /** Rearranges {@code a[lo..hi]} so that {@code a[k]} holds the value it would have sorted, smaller ones before. */
  private static void quickselect(long[] a, int lo, int hi, int k) {
    while (lo < hi) {
      // Median of three keeps already-sorted input (centroids scored in index order) from going quadratic.
      int mid = (lo + hi) >>> 1;
      long pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
