package dev.quiver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamNeighboursTest {

  @Test
  void lineAndJsonNameEveryFigureAndTheCombinedRatio() {
    StreamNeighbours measured = new StreamNeighbours(128, 2, 20.0, 15.0, 19.0, 80.0, 5);
    String line = measured.describe();
    assertTrue(line.startsWith("d=128, 2 threads: partition scans from memory 20.0 GB/s alone, 15.0 GB/s each"), line);
    assertTrue(line.contains("(all together 1.50x one)"), line);
    assertTrue(line.contains("19.0 GB/s beside 1 scoring a cache-resident 2 MiB block (80 GB/s alone)"), line);
    assertEquals("{\"kernel\":\"l2-neighbours\",\"dim\":128,\"threads\":2,\"scan_alone_gb_per_s\":20.00,"
        + "\"scan_beside_scans_gb_per_s\":15.00,\"scan_beside_cache_gb_per_s\":19.00,\"cache_alone_gb_per_s\":80.00}",
        measured.toJson());
  }

  @Test
  void refusesFewerThanTwoThreads() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StreamNeighbours.measure(new float[1 << 16], 128, 1));
    assertTrue(e.getMessage().contains("threads"), e.getMessage());
  }
}
