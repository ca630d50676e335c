package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive id map agrees with {@link HashMap} over random puts and removes, growth included. */
class IdLocationMapTest {

  @Test
  void agreesWithHashMap() {
    long seed = 42;
    SplittableRandom random = new SplittableRandom(seed);
    IdLocationMap map = new IdLocationMap(4);
    Map<Long, Long> reference = new HashMap<>();
    for (int op = 0; op < 200_000; op++) {
      long id = random.nextInt(5_000) - 2_500;
      if (random.nextInt(3) == 0) {
        assertEquals(reference.remove(id) != null, map.remove(id), "seed " + seed + " op " + op);
      } else {
        long location = IdLocationMap.pack(random.nextInt(1_000), random.nextInt(1 << 20));
        reference.put(id, location);
        map.put(id, location);
      }
      if (op % 1_000 == 0) {
        for (Map.Entry<Long, Long> e : reference.entrySet()) {
          assertEquals((long) e.getValue(), map.get(e.getKey()));
        }
      }
      assertEquals(reference.size(), map.size());
    }
    assertEquals(IdLocationMap.ABSENT, map.get(1_000_000));
  }

  @Test
  void packsPartitionAndOffset() {
    long location = IdLocationMap.pack(70_000, 2_000_000_000);
    assertEquals(70_000, IdLocationMap.partitionOf(location));
    assertEquals(2_000_000_000, IdLocationMap.offsetOf(location));
  }
}
