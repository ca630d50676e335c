package dev.quiver.index.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Top-k selection: agreement with a full sort, stability on ties, one entry per id. */
class TopKCollectorTest {

  @Test
  void tiesAreBrokenBySmallerId() {
    TopKCollector top = new TopKCollector(3);
    top.offer(9, 1f);
    top.offer(4, 1f);
    top.offer(7, 1f);
    top.offer(2, 1f);
    top.offer(5, 0.5f);
    assertArrayEquals(new long[] {5, 2, 4}, top.sortedIds());
  }

  @Test
  void matchesFullSortOnRandomInput() {
    long seed = 7;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(300);
      int k = 1 + random.nextInt(40);
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(20); // many ties on purpose
      }
      TopKCollector top = new TopKCollector(k);
      int[] order = IntStream.range(0, n).toArray();
      shuffle(order, random);
      for (int i : order) {
        top.offer(i, scores[i]);
      }
      long[] expected = IntStream.range(0, n).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i))
          .limit(k).mapToLong(Integer::longValue).toArray();
      assertArrayEquals(expected, top.sortedIds(), "seed " + seed + " trial " + trial);
    }
  }

  @Test
  void anIdOfferedTwiceIsKeptOnceWithItsBetterScore() {
    TopKCollector top = new TopKCollector(3);
    top.offer(1, 5f);
    top.offer(2, 4f);
    top.offer(1, 3f);
    top.offer(1, 6f);
    TopKCollector.Ranked ranked = top.sorted();
    assertArrayEquals(new long[] {1, 2}, ranked.ids());
    assertEquals(3f, ranked.scores()[0]);
  }

  @Test
  void rejectsNonPositiveK() {
    assertThrows(IllegalArgumentException.class, () -> new TopKCollector(0));
  }

  @Test
  void mergeEqualsSingleCollector() {
    TopKCollector a = new TopKCollector(4);
    TopKCollector b = new TopKCollector(4);
    TopKCollector all = new TopKCollector(4);
    for (int i = 0; i < 50; i++) {
      float s = (i * 37) % 23;
      (i % 2 == 0 ? a : b).offer(i, s);
      all.offer(i, s);
    }
    a.merge(b);
    assertArrayEquals(all.sortedIds(), a.sortedIds());
    assertEquals(4, Arrays.stream(a.sortedIds()).distinct().count());
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
