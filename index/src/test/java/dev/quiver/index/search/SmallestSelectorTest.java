package dev.quiver.index.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Quickselect-based selection agrees with a full sort, ties and negative scores included. */
class SmallestSelectorTest {

  @Test
  void agreesWithFullSort() {
    long seed = 3;
    SplittableRandom random = new SplittableRandom(seed);
    SmallestSelector selector = new SmallestSelector();
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(2_000);
      int m = 1 + random.nextInt(n + 5);
      float[] scores = randomScores(random, n, trial % 3 == 0 ? 7 : 0, 100);
      int[] expected = IntStream.range(0, n).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i))
          .limit(m).mapToInt(Integer::intValue).toArray();
      int[] indices = new int[m];
      float[] selected = new float[m];
      int count = selector.select(scores, n, m, indices, selected);
      assertEquals(expected.length, count);
      assertArrayEquals(expected, java.util.Arrays.copyOf(indices, count), "seed " + seed + " trial " + trial);
      for (int i = 0; i < count; i++) {
        assertEquals(scores[indices[i]], selected[i]);
      }
    }
  }

  @Test
  void fewOfManyAgreeWithFullSortWhateverTheOrder() {
    // m at most n / 8 takes the sampled-threshold path; sorted, reversed and clustered inputs make a sample unlike
    // the rest (the fallback), zeros of both signs and ties test that the threshold keeps every equal score.
    long seed = 11;
    SplittableRandom random = new SplittableRandom(seed);
    SmallestSelector selector = new SmallestSelector();
    for (int trial = 0; trial < 400; trial++) {
      int n = 64 + random.nextInt(6_000);
      int m = 1 + random.nextInt(n / 8);
      float[] scores = randomScores(random, n, trial % 4 == 0 ? 5 : 0, 50);
      if (trial % 4 == 1) {
        for (int i = 0; i < n; i++) {
          scores[i] = random.nextInt(10) == 0 ? (i % 3 == 0 ? -0f : 0f) : scores[i];
        }
      }
      Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Comparator<Integer> byScore = Comparator.<Integer, Integer>comparing(i -> SmallestSelector.sortableBits(
          scores[i])).thenComparingInt(i -> i);
      if (trial % 5 == 2) { // the scores in ascending or descending order: the strided sample sees the extremes
        Arrays.sort(scores);
        if (trial % 2 == 0) {
          for (int i = 0; i < n / 2; i++) {
            float t = scores[i];
            scores[i] = scores[n - 1 - i];
            scores[n - 1 - i] = t;
          }
        }
      }
      if (trial % 5 == 3) { // only the sampled positions score low: too few kept, so the full selection runs
        for (int i = 0; i < n; i += n / 64) {
          scores[i] = -1e6f + i;
        }
      }
      int[] expected = Arrays.stream(boxed).sorted(byScore).limit(m).mapToInt(Integer::intValue).toArray();
      int[] indices = new int[m];
      float[] selected = new float[m];
      String where = "seed " + seed + " trial " + trial + " n " + n + " m " + m;
      assertEquals(m, selector.select(scores, n, m, indices, selected), where);
      assertArrayEquals(expected, indices, where);
      for (int i = 0; i < m; i++) {
        assertEquals(Float.floatToRawIntBits(scores[indices[i]]), Float.floatToRawIntBits(selected[i]), where);
      }
      assertEquals(Float.floatToRawIntBits(selected[m - 1]),
          Float.floatToRawIntBits(selector.mthSmallest(scores, n, m)), where);
    }
  }

  @Test
  void rangesSelectedApartAndMergedAgreeWithOneSelection() {
    // A selection split across threads: each range keeps its m smallest keys, then the m smallest of those are
    // chosen. Indices, order (ties by index) and scores must be one selection's.
    long seed = 5;
    SplittableRandom random = new SplittableRandom(seed);
    SmallestSelector selector = new SmallestSelector();
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + random.nextInt(3_000);
      int m = 1 + random.nextInt(n + 5);
      int ranges = 1 + random.nextInt(Math.min(8, n));
      float[] scores = randomScores(random, n, trial % 2 == 0 ? 9 : 0, 10);
      long[] kept = new long[n];
      long[] scratch = new long[n];
      int keptCount = 0;
      for (int r = 0; r < ranges; r++) {
        int from = (int) ((long) n * r / ranges);
        int to = (int) ((long) n * (r + 1) / ranges);
        int count = SmallestSelector.smallestKeys(Arrays.copyOfRange(scores, from, to), to - from, m, from, scratch);
        System.arraycopy(scratch, 0, kept, keptCount, count);
        keptCount += count;
      }
      int[] indices = new int[m];
      float[] selected = new float[m];
      int count = SmallestSelector.selectKeys(kept, keptCount, m, indices, selected);
      int[] expectedIndices = new int[m];
      float[] expectedScores = new float[m];
      assertEquals(selector.select(scores, n, m, expectedIndices, expectedScores), count);
      String where = "seed " + seed + " trial " + trial;
      assertArrayEquals(Arrays.copyOf(expectedIndices, count), Arrays.copyOf(indices, count), where);
      assertArrayEquals(Arrays.copyOf(expectedScores, count), Arrays.copyOf(selected, count), where);
    }
  }

  @Test
  void keysGiveTheirScoresBackExactly() {
    for (float score : new float[] {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -3.5f, -Float.MIN_VALUE, -0f, 0f,
        Float.MIN_VALUE, 1e-30f, 2f, Float.MAX_VALUE, Float.POSITIVE_INFINITY}) {
      long key = SmallestSelector.key(score, 12_345);
      assertEquals(Float.floatToRawIntBits(score), Float.floatToRawIntBits(SmallestSelector.scoreOf(key)),
          "score " + score);
      assertEquals(12_345, (int) key);
    }
  }

  @Test
  void sortableBitsPreserveFloatOrder() {
    float[] ordered = {Float.NEGATIVE_INFINITY, -3.5f, -1e-30f, -0f, 0f, 1e-30f, 2f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY};
    for (int i = 1; i < ordered.length; i++) {
      assertTrue(SmallestSelector.sortableBits(ordered[i - 1]) < SmallestSelector.sortableBits(ordered[i]),
          ordered[i - 1] + " < " + ordered[i]);
    }
  }

  /**
   * {@code n} scores: with {@code tieValues} > 0, small integers centred on 0 taking that many values (many ties,
   * negatives included); else Gaussian with standard deviation {@code spread}.
   */
  private static float[] randomScores(SplittableRandom random, int n, int tieValues, double spread) {
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = tieValues > 0 ? random.nextInt(tieValues) - tieValues / 2 : (float) (random.nextGaussian() * spread);
    }
    return scores;
  }
}
