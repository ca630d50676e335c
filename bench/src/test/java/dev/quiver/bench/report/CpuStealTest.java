package dev.quiver.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuStealTest {

  @Test
  void describesAShareWhereProcStatIsReadableAndNothingElsewhere() throws Exception {
    CpuSteal steal = CpuSteal.start();
    long busyUntil = System.nanoTime() + 50_000_000L; // let the counters move
    double sink = 0;
    while (System.nanoTime() < busyUntil) {
      sink += Math.sqrt(sink + 1);
    }
    String text = steal.describe();
    if (Files.isReadable(Path.of("/proc/stat"))) {
      assertTrue(text.matches("CPU steal \\d+\\.\\d% of all cores' time"), text + " " + sink);
    } else {
      assertTrue(text.isEmpty(), text);
    }
  }
}
