package dev.quiver.index.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A partition's unordered candidates merge into a top k exactly as a partial top-k would. */
class CandidateBufferTest {

  @Test
  void mergesAsAPartialTopKWouldOnRandomPartitions() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 300; trial++) {
      int k = 1 + random.nextInt(120);
      int partitions = 1 + random.nextInt(6);
      int levels = 1 + random.nextInt(trial % 2 == 0 ? 8 : 100_000); // every other trial floods ties
      TopKCollector viaHeaps = new TopKCollector(k);
      TopKCollector viaBuffers = new TopKCollector(k);
      long nextId = 0;
      for (int p = 0; p < partitions; p++) {
        int rows = random.nextInt(700);
        float[] scores = new float[rows];
        long[] ids = new long[rows];
        for (int r = 0; r < rows; r++) {
          scores[r] = random.nextInt(levels) * 0.25f;
          ids[r] = nextId++;
        }
        float ceiling = viaHeaps.worstScore(); // as a batch bounds a partial by the merged k-th score
        TopKCollector heap = new TopKCollector(k, true);
        heap.bound(ceiling);
        CandidateBuffer buffer = new CandidateBuffer(k, ceiling);
        for (int from = 0; from < rows; from += 64) { // blocks, as a scanner offers them
          int count = Math.min(64, rows - from);
          float[] block = Arrays.copyOfRange(scores, from, from + count);
          heap.offerAll(block, ids, from, count);
          buffer.offerAll(block, ids, from, count);
        }
        viaHeaps.merge(heap);
        buffer.mergeInto(viaBuffers);
        assertTrue(buffer.size() <= Math.max(2 * k, rows), "cut back at 2k (ties aside)");
      }
      TopKCollector.Ranked expected = viaHeaps.sorted();
      TopKCollector.Ranked actual = viaBuffers.sorted();
      assertArrayEquals(expected.ids(), actual.ids(), "trial " + trial);
      assertArrayEquals(expected.scores(), actual.scores(), "trial " + trial);
    }
  }

  @Test
  void singleOffersRespectTheCeilingAndKeepItsTies() {
    CandidateBuffer buffer = new CandidateBuffer(2, 1.0f);
    assertTrue(buffer.offer(1, 1.0f));
    assertTrue(!buffer.offer(2, 1.5f));
    assertTrue(buffer.offer(3, 0.5f));
    assertTrue(buffer.offer(4, 0.75f));
    assertTrue(buffer.offer(5, 0.25f));
    assertEquals(1.0f, buffer.worstScore(), "no cut before 2k are held");
    assertTrue(!buffer.offer(6, 0.75f), "the cut to the best two makes 0.5 the ceiling");
    assertEquals(0.5f, buffer.worstScore());
    TopKCollector top = new TopKCollector(2);
    buffer.mergeInto(top);
    assertArrayEquals(new long[] {5, 3}, top.sortedIds());
  }

  @Test
  void holdsMoreThanTwoKWhenAllTie() {
    CandidateBuffer buffer = new CandidateBuffer(3, Float.POSITIVE_INFINITY);
    for (long id = 100; id > 0; id--) {
      buffer.offer(id, 2f);
    }
    assertEquals(100, buffer.size(), "a cut cannot drop rows tied at the k-th score");
    TopKCollector top = new TopKCollector(3);
    buffer.mergeInto(top);
    assertArrayEquals(new long[] {1, 2, 3}, top.sortedIds());
  }

  @Test
  void rejectsANonPositiveK() {
    assertThrows(IllegalArgumentException.class, () -> new CandidateBuffer(0, 1f));
  }
}
