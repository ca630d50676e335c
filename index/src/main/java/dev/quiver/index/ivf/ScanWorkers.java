package dev.quiver.index.ivf;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared pool of daemon threads that help scan one query's partitions in parallel, sized to the processors.
 * Shared by every index so that many indexes do not multiply threads; created on first parallel search.
 */
final class ScanWorkers {

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private ScanWorkers() {}

  private static final class Holder {
    static final ExecutorService POOL = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
          Thread thread = new Thread(runnable, "quiver-scan-" + THREAD_NUMBER.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  static ExecutorService pool() {
    return Holder.POOL;
  }
}
