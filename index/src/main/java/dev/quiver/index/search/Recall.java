package dev.quiver.index.search;

import java.util.HashSet;
import java.util.Set;

/** Recall of a result against the exact answer, as the SQL procedure and the benchmarks measure it. */
public final class Recall {

  private Recall() {}

  /** The share of {@code truth} that {@code found} contains (1 when there is no truth to find). */
  public static double of(long[] found, long[] truth) {
    if (truth.length == 0) {
      return 1.0;
    }
    Set<Long> expected = new HashSet<>();
    for (long id : truth) {
      expected.add(id);
    }
    int hits = 0;
    for (long id : found) {
      hits += expected.contains(id) ? 1 : 0;
    }
    return hits / (double) truth.length;
  }
}
