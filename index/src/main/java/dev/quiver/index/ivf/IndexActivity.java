package dev.quiver.index.ivf;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every generation of an index's search structures shares as the partitioning is replaced by maintenance: the
 * delta store of recent inserts, the query counter that dates temperatures, and the temperature settings.
 */
final class IndexActivity {

  private final AtomicLong queries = new AtomicLong();
  /** The delta store (ALGORITHMS.md §3): recent inserts every query scans exhaustively; null when disabled. */
  private volatile Partition delta;
  private volatile TemperatureParams temperature = TemperatureParams.DEFAULT;
  /** Hears every online rebuild of the index, whoever started it (a job table lists them); null for none. */
  private volatile RebuildProgress rebuildObserver;

  RebuildProgress rebuildObserver() {
    return rebuildObserver;
  }

  void rebuildObserver(RebuildProgress value) {
    rebuildObserver = value;
  }

  /** Numbers a new query (dates the temperatures it changes). */
  long nextQuery() {
    return queries.incrementAndGet();
  }

  /** Queries numbered so far. */
  long queries() {
    return queries.get();
  }

  Partition delta() {
    return delta;
  }

  void delta(Partition value) {
    delta = value;
  }

  TemperatureParams temperature() {
    return temperature;
  }

  void temperature(TemperatureParams value) {
    temperature = value;
  }
}
