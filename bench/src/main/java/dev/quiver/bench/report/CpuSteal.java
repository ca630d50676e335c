package dev.quiver.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The share of this machine's CPU time that its hypervisor gave to other guests (Linux's "steal" column of
 * {@code /proc/stat}) between two readings. Why a benchmark reports it: on a shared virtual machine a run that uses
 * every core can lose a tenth or more of its cycles to steal (10–25% was seen on the project's 2-core machine), which
 * lands on multi-threaded methods most, since they need every core at once; a ratio measured under steal is read
 * with that in mind.
 */
public final class CpuSteal {

  private static final Path STAT = Path.of("/proc/stat");

  private final long[] start;

  private CpuSteal(long[] start) {
    this.start = start;
  }

  /** Starts a measurement (nothing is measured where {@code /proc/stat} cannot be read). */
  public static CpuSteal start() {
    return new CpuSteal(read());
  }

  /**
   * A phrase for a report, e.g. {@code "CPU steal 3.1% of all cores' time"}, or an empty string where the counters
   * are unavailable.
   */
  public String describe() {
    long[] end = read();
    if (start == null || end == null) {
      return "";
    }
    long total = 0;
    for (int i = 0; i < end.length; i++) {
      total += end[i] - start[i];
    }
    long steal = end[7] - start[7];
    return total <= 0 ? "" : String.format(Locale.ROOT, "CPU steal %.1f%% of all cores' time", 100.0 * steal / total);
  }

  /** The first eight counters of the aggregate cpu line (user … steal), or null. */
  private static long[] read() {
    try {
      String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      if (fields.length < 9 || !fields[0].equals("cpu")) {
        return null;
      }
      long[] values = new long[8];
      for (int i = 0; i < 8; i++) {
        values[i] = Long.parseLong(fields[i + 1]);
      }
      return values;
    } catch (IOException | RuntimeException e) {
      return null; // not Linux, or no procfs: the report says nothing of steal
    }
  }
}
