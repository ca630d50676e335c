package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Hammers the threading contract: searches concurrent with inserts, deletes and updates see no torn rows and no
 * duplicates, and no write is lost.
 */
class IvfConcurrencyTest {

  private static final int DIM = 16;

  @Test
  void searchesConcurrentWithWritesAreConsistentAndNoWriteIsLost() throws Exception {
    long seed = 77;
    int n = 5_000;
    float[] points = TestVectors.clustered(n, DIM, 20, seed);
    IvfIndex index = IvfIndex.build(points, TestVectors.sequentialIds(n), IvfParams.of(DIM, Metric.L2, 40));

    // Every written vector encodes its id in component 0, so after the run a row whose id and vector came from
    // different writes (a lost or misplaced move) is detectable.
    int writers = 2;
    int readers = 2;
    int opsPerWriter = 4_000;
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Set<Long>> inserted = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(writers);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Set<Long> mine = new HashSet<>();
      inserted.add(mine);
      int writer = w;
      threads.add(new Thread(() -> {
        SplittableRandom random = new SplittableRandom(seed + writer);
        try {
          List<Long> live = new ArrayList<>();
          for (int op = 0; op < opsPerWriter; op++) {
            int choice = random.nextInt(10);
            if (choice < 6 || live.isEmpty()) {
              long id = 1_000_000L * (writer + 1) + op;
              index.insert(id, encoded(id, random));
              live.add(id);
            } else if (choice < 8) {
              long id = live.remove(random.nextInt(live.size()));
              index.delete(id);
            } else {
              long id = live.get(random.nextInt(live.size()));
              index.update(id, encoded(id, random));
            }
          }
          mine.addAll(live);
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          done.countDown();
        }
      }));
    }
    for (int r = 0; r < readers; r++) {
      int reader = r;
      threads.add(new Thread(() -> {
        SplittableRandom random = new SplittableRandom(seed * 100 + reader);
        try {
          while (writing.get()) {
            float[] query = encoded(random.nextInt(3_000_000), random);
            SearchResult result = random.nextBoolean() ? index.search(query, 20, 8) : index.exactSearch(query, 20);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < result.size(); i++) {
              assertTrue(seen.add(result.ids()[i]), "duplicate id " + result.ids()[i]);
              if (i > 0) {
                assertTrue(result.distances()[i] >= result.distances()[i - 1], "results out of order");
              }
            }
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    threads.forEach(Thread::start);
    done.await();
    writing.set(false);
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(failures.isEmpty(), () -> "seed " + seed + ": " + failures.peek());

    Set<Long> expected = new HashSet<>();
    for (long i = 0; i < n; i++) {
      expected.add(i);
    }
    inserted.forEach(expected::addAll);
    assertEquals(expected.size(), index.size(), "seed " + seed);
    for (long id : expected) {
      assertTrue(index.contains(id), "lost id " + id);
      float[] v = index.vector(id);
      if (id >= 1_000_000) {
        assertEquals((float) id, v[0], "row of id " + id + " holds another id's vector");
      }
    }
  }

  private static float[] encoded(long id, SplittableRandom random) {
    float[] v = new float[DIM];
    v[0] = id;
    for (int j = 1; j < DIM; j++) {
      v[j] = (float) (random.nextDouble() * 20 - 10);
    }
    return v;
  }
}
