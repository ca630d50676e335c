package dev.quiver.index.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = trial % 3 == 0 ? random.nextInt(7) - 3 : (float) (random.nextGaussian() * 100);
      }
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
  void sortableBitsPreserveFloatOrder() {
    float[] ordered = {Float.NEGATIVE_INFINITY, -3.5f, -1e-30f, -0f, 0f, 1e-30f, 2f, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY};
    for (int i = 1; i < ordered.length; i++) {
      assertTrue(SmallestSelector.sortableBits(ordered[i - 1]) < SmallestSelector.sortableBits(ordered[i]),
          ordered[i - 1] + " < " + ordered[i]);
    }
  }
}
