package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared scan pool runs every task it is given, whether its workers are spinning, running or parked. */
class ScanWorkersTest {

  @Test
  void everyTaskRunsThoughWorkersParkBetweenBursts() throws Exception {
    // Bursts from several threads, with pauses longer than a worker spins so that workers park in between: a lost
    // wake-up would leave a task queued with every worker parked, and the latch would time out.
    long seed = 11;
    int submitters = 4;
    int perSubmitter = 2_000;
    CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
    AtomicInteger ran = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < submitters; s++) {
      SplittableRandom random = new SplittableRandom(seed + s);
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perSubmitter; i++) {
          ScanWorkers.pool().execute(() -> {
            ran.incrementAndGet();
            done.countDown();
          });
          if (random.nextInt(100) == 0) {
            sleepPastSpin();
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(done.await(60, TimeUnit.SECONDS), "seed " + seed + ": tasks left unrun: " + done.getCount());
    assertEquals(submitters * perSubmitter, ran.get());
  }

  @Test
  void submittedTasksReportTheirResultsAndFailures() throws Exception {
    sleepPastSpin(); // start from parked workers
    Future<Integer> value = ScanWorkers.pool().submit(() -> 42);
    assertEquals(42, value.get(30, TimeUnit.SECONDS));
    Future<Object> failing = ScanWorkers.pool().submit(() -> {
      throw new IllegalStateException("boom");
    });
    java.util.concurrent.ExecutionException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
            () -> failing.get(30, TimeUnit.SECONDS));
    assertTrue(thrown.getCause() instanceof IllegalStateException);
    // The worker that ran the failing task is still there: the pool still runs tasks on all its workers.
    assertEquals(7, ScanWorkers.pool().submit(() -> 7).get(30, TimeUnit.SECONDS));
  }

  private static void sleepPastSpin() {
    try {
      TimeUnit.NANOSECONDS.sleep(3 * ScanWorkers.SPIN_NANOS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
