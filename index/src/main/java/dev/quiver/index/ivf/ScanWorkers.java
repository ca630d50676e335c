package dev.quiver.index.ivf;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The shared pool of daemon threads that help scan one query's centroids and partitions in parallel, sized to the
 * processors. Shared by every index so that many indexes do not multiply threads; created on first parallel search.
 *
 * <p>An idle worker spins for {@link #SPIN_NANOS} before it parks. Why: a parallel query hands work to a helper
 * twice (its centroids, then its partitions) and a stream of queries does so every few hundred microseconds, while
 * waking a parked thread takes tens of microseconds, a tenth of a query on 1M × 128 at recall 0.9 that the calling
 * thread spends waiting or doing the helper's share itself (bench/RESULTS.md, issue 3). A worker that has had no task
 * for that long parks, so an idle server holds no core. At most one worker fewer than the processors spins at once:
 * the thread that asks for help is busy too, and a spinner more than the cores left to it took a core from the very
 * query it was waiting to help (two spinning workers and a caller on 2 cores ran a query slower than one thread).
 */
final class ScanWorkers {

  /** How long an idle worker polls for a task before parking, in nanoseconds. */
  static final long SPIN_NANOS = 100_000;

  private ScanWorkers() {}

  private static final class Holder {
    static final SpinningPool POOL = new SpinningPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  static ExecutorService pool() {
    return Holder.POOL;
  }

  /**
   * A fixed set of workers taking tasks from one lock-free queue. A worker parks only after leaving the spinners,
   * registering in {@code parked} and finding the queue still empty; {@link #execute} queues, then wakes a registered
   * worker if it sees no spinner. So either the worker sees the task or the caller sees no spinner, and a task is
   * never left queued with every worker parked. Never shut down: its threads are daemons.
   */
  private static final class SpinningPool extends AbstractExecutorService {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spinning = new AtomicInteger();
    private final int maxSpinning;

    SpinningPool(int threads) {
      this.maxSpinning = Math.max(1, threads - 1);
      for (int i = 0; i < threads; i++) {
        Thread thread = new Thread(this::work, "quiver-scan-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
      }
    }

    /**
     * Queues a task and wakes a parked worker unless one is spinning, which will take it: waking a worker that then
     * finds nothing to do costs the caller's core a context switch.
     */
    @Override
    public void execute(Runnable task) {
      tasks.add(task);
      if (spinning.get() == 0) {
        wakeOne();
      }
    }

    private void wakeOne() {
      Thread sleeper = parked.poll();
      if (sleeper != null) {
        LockSupport.unpark(sleeper);
      }
    }

    private void work() {
      Thread self = Thread.currentThread();
      long idleSince = System.nanoTime();
      boolean spinner = false;
      while (true) {
        Runnable task = tasks.poll();
        if (task != null) {
          if (spinner) {
            spinning.decrementAndGet();
            spinner = false;
          }
          if (!tasks.isEmpty()) {
            wakeOne(); // more queued than this worker takes: pass the wake-up on rather than leave them waiting
          }
          runQuietly(task);
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS && (spinner || claimSpin())) {
          spinner = true;
          Thread.onSpinWait();
        } else {
          if (spinner) {
            spinning.decrementAndGet();
            spinner = false;
          }
          parked.add(self);
          if (tasks.isEmpty()) {
            LockSupport.park(this);
          }
          parked.remove(self); // woken, or a task arrived before parking: either way, no longer parked
          idleSince = System.nanoTime();
        }
      }
    }

    /** Takes one of the {@code maxSpinning} places of a spinning worker, if one is free. */
    private boolean claimSpin() {
      for (int now = spinning.get(); now < maxSpinning; now = spinning.get()) {
        if (spinning.compareAndSet(now, now + 1)) {
          return true;
        }
      }
      return false;
    }

    private static void runQuietly(Runnable task) {
      try {
        task.run();
      } catch (Throwable failure) {
        // A task's own future (submit) carries its failure; a bare execute()'s must not kill the worker.
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, failure);
      }
    }

    @Override
    public void shutdown() {
      throw new UnsupportedOperationException("the shared scan pool is never shut down");
    }

    @Override
    public List<Runnable> shutdownNow() {
      throw new UnsupportedOperationException("the shared scan pool is never shut down");
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }
}
