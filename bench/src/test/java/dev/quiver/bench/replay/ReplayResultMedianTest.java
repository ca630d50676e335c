package dev.quiver.bench.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench workload --repeat}: replays of one method combined by their medians. */
class ReplayResultMedianTest {

  /** A replay of 1,000 updates and 100 queries taking {@code update}, {@code maintenance}, {@code search} s. */
  private static ReplayResult replay(String method, double update, double maintenance, double search, double qps0,
      int partitions) {
    return new ReplayResult(method, "", 1.0, (long) (update * 1e9), (long) (maintenance * 1e9), (long) (search * 1e9),
        1_000, 0, 100, 0.9, 500, search, 2 * search, 16, new int[] {partitions}, new double[] {maintenance},
        new double[] {0.9}, new double[] {qps0}, Map.of("split", 3), Map.of("split", maintenance), 1_000, 2, 0,
        null);
  }

  @Test
  void everyTimeIsTheMedianOverTheReplaysAndCountsAreTheFirstReplays() {
    // The second replay ran under a burst of other load: its maintenance must not move the result.
    ReplayResult combined = ReplayResult.median(List.of(replay("lire", 0.5, 6.0, 1.0, 900, 96),
        replay("lire", 0.6, 12.0, 1.1, 800, 97), replay("lire", 0.4, 7.0, 0.9, 1000, 98)));
    assertEquals(0.5, combined.updateSeconds(), 1e-9);
    assertEquals(7.0, combined.maintenanceSeconds(), 1e-9);
    assertEquals(1.0, combined.searchSeconds(), 1e-9);
    assertEquals(1.0, combined.latencyP50Ms(), 1e-9);
    assertArrayEquals(new double[] {7.0}, combined.maintenanceSecondsOverTime(), 1e-9);
    assertArrayEquals(new double[] {900}, combined.qpsOverTime(), 1e-9);
    assertEquals(7.0, combined.actionSeconds().get("split"), 1e-9);
    assertEquals(96, combined.partitionsFinal(), "counts are the first replay's");
    assertEquals(1_000 / 7.5, combined.updateThroughput(), 1e-6);

    ReplayResult even = ReplayResult.median(List.of(replay("lire", 1, 2, 3, 10, 5), replay("lire", 3, 4, 5, 20, 5)));
    assertEquals(2.0, even.updateSeconds(), 1e-9, "an even count takes the mean of the middle two");
    ReplayResult one = replay("lire", 1, 2, 3, 10, 5);
    assertEquals(one.totalSeconds(), ReplayResult.median(List.of(one)).totalSeconds(), 1e-9);
  }

  @Test
  void replaysOfDifferentMethodsDoNotCombine() {
    assertThrows(IllegalArgumentException.class, () -> ReplayResult.median(List.of()));
    assertThrows(IllegalArgumentException.class, () -> ReplayResult.median(List.of(replay("lire", 1, 1, 1, 1, 1),
        replay("ada-ivf", 1, 1, 1, 1, 1))));
  }
}
