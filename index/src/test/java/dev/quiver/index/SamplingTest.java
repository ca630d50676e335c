package dev.quiver.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The seeded sample every caller shares: distinct, in range, and the same for the same seed. */
class SamplingTest {

  @Test
  void drawsDistinctIndicesReproduciblyAndMarksThem() {
    int[] drawn = Sampling.distinct(1_000, 300, new SplittableRandom(7));
    assertEquals(300, drawn.length);
    assertEquals(300, IntStream.of(drawn).distinct().count(), "distinct");
    assertTrue(IntStream.of(drawn).allMatch(i -> i >= 0 && i < 1_000));
    assertArrayEquals(drawn, Sampling.distinct(1_000, 300, new SplittableRandom(7)), "same seed, same sample");
    boolean[] chosen = Sampling.chosen(1_000, 300, new SplittableRandom(7));
    assertEquals(300, IntStream.range(0, 1_000).filter(i -> chosen[i]).count());
    IntStream.of(drawn).forEach(i -> assertTrue(chosen[i]));
    assertEquals(5, Sampling.distinct(5, 5, new SplittableRandom(1)).length, "the whole range, permuted");
    assertThrows(IllegalArgumentException.class, () -> Sampling.distinct(5, 6, new SplittableRandom(1)));
  }
}
