package dev.quiver.bench.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports the progress of a long data-preparation step (count done, rate, estimated time left) to a stream, at most
 * once per interval, so that a person at a terminal sees that minutes of embedding or ground truth are moving.
 *
 * <p>Thread-safe: workers call {@link #advance} concurrently; one of them prints when the interval has passed.
 * Output goes to standard error in the CLI, never standard output, so it does not mix with command results.
 */
public final class ProgressReporter {

  /** A reporter that prints nothing, for tests and library callers that want silence. */
  public static final ProgressReporter SILENT = new ProgressReporter("", 1, null, Long.MAX_VALUE);

  /** Default interval between lines, in nanoseconds (5 s). */
  static final long DEFAULT_INTERVAL_NANOS = 5_000_000_000L;

  private final String task;
  private final long total;
  private final PrintStream out;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong nextReportNanos;

  /**
   * Creates a reporter.
   *
   * @param task what is being done, e.g. {@code "embedding wordnet synsets"}
   * @param total units of work in all (vectors, queries), positive
   * @param out where lines go (standard error in the CLI), or null for none
   * @param intervalNanos least time between two lines, in nanoseconds
   */
  public ProgressReporter(String task, long total, PrintStream out, long intervalNanos) {
    if (total <= 0) {
      throw new IllegalArgumentException("total: must be positive, was " + total);
    }
    this.task = task;
    this.total = total;
    this.out = out;
    this.intervalNanos = intervalNanos;
    this.nextReportNanos = new AtomicLong(startNanos + intervalNanos);
  }

  /** A reporter that prints to {@code out} every 5 s. */
  public static ProgressReporter every5s(String task, long total, PrintStream out) {
    return new ProgressReporter(task, total, out, DEFAULT_INTERVAL_NANOS);
  }

  /** Same stream and interval as this one, for a new task; {@link #SILENT} stays silent. */
  public ProgressReporter forTask(String newTask, long newTotal) {
    return out == null ? SILENT : new ProgressReporter(newTask, newTotal, out, intervalNanos);
  }

  /** Records {@code units} more done and prints a line if the interval has passed since the last one. */
  public void advance(long units) {
    long now = done.addAndGet(units);
    if (out == null) {
      return;
    }
    long next = nextReportNanos.get();
    long t = System.nanoTime();
    if (t >= next && nextReportNanos.compareAndSet(next, t + intervalNanos)) {
      out.println(line(now, t));
    }
  }

  /** Prints the final line (count, elapsed time and mean rate); returns the elapsed time in seconds. */
  public double finish() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (out != null) {
      out.printf(Locale.ROOT, "%s: done, %,d in %.1f s (%,.0f/s)%n", task, done.get(), seconds,
          done.get() / Math.max(seconds, 1e-9));
    }
    return seconds;
  }

  private String line(long count, long nowNanos) {
    double seconds = (nowNanos - startNanos) / 1e9;
    double rate = count / Math.max(seconds, 1e-9);
    double eta = rate > 0 ? (total - count) / rate : Double.POSITIVE_INFINITY;
    return String.format(Locale.ROOT, "%s: %,d / %,d (%.1f%%), %,.0f/s, %.0f s elapsed, ETA %.0f s", task, count,
        total, 100.0 * count / total, rate, seconds, eta);
  }
}
