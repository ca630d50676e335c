package dev.quiver.bench.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplaySettingsTest {

  @Test
  void initialNlistFollowsTheTargetWithAFloor() {
    ReplaySettings settings = ReplaySettings.defaults(1);
    assertEquals(100, settings.initialNlist(100_000)); // 100,000 / 1,000
    assertEquals(16, settings.initialNlist(6_000)); // 6 raised to the floor of 16
    assertEquals(10, settings.initialNlist(10)); // never more partitions than vectors
    assertEquals(1, settings.withMinInitialPartitions(1).initialNlist(400)); // 0.4 rounds to 0, at least 1
    assertEquals(60, settings.withTargetSize(100).initialNlist(6_000));
  }

  @Test
  void invalidSettingsNameTheComponent() {
    ReplaySettings settings = ReplaySettings.defaults(1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> settings.withTargetSize(0)).getMessage()
        .startsWith("targetSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> settings.withDeltaCapacity(-1)).getMessage()
        .startsWith("deltaCapacity"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> settings.withRecallTarget(1.5)).getMessage()
        .startsWith("recallTarget"));
  }

  @Test
  void longSeriesAreSampledEvenlyEndingAtTheLast() {
    int[] short5 = {1, 2, 3, 4, 5};
    assertEquals("1 2 3 4 5", ReplayReport.series(short5));
    int[] long40 = new int[40];
    for (int i = 0; i < 40; i++) {
      long40[i] = i;
    }
    assertEquals("1 3 5 7 9 11 13 15 17 19 21 23 25 27 29 31 33 35 37 39", ReplayReport.series(long40));
  }
}
