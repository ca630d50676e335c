package dev.quiver.adapter.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The maintenance log keeps the newest events up to its capacity, numbered in order, and rejects bad values. */
class MaintenanceLogTest {

  @Test
  void keepsTheLastEventsUpToItsCapacity() {
    MaintenanceLog log = new MaintenanceLog(3);
    for (int i = 0; i < 5; i++) {
      log.record("docs", "embedding", MaintenanceAction.SPLIT, 1_000L * i, 2_500_000L, 10 + i, 11 + i, 40, "p" + i);
    }
    List<MaintenanceEvent> events = log.events();
    assertEquals(List.of(3L, 4L, 5L), events.stream().map(MaintenanceEvent::eventId).toList());
    MaintenanceEvent last = events.get(2);
    assertEquals("p4", last.detail());
    assertEquals(14, last.partitionsBefore());
    assertEquals(15, last.partitionsAfter());
    assertEquals(2.5, last.durationMillis(), 1e-12);
    assertEquals("split", last.action().sqlName());
  }

  @Test
  void theDefaultCapacityIsTenThousand() {
    MaintenanceLog log = new MaintenanceLog();
    for (int i = 0; i < MaintenanceLog.CAPACITY + 5; i++) {
      log.record("t", "v", MaintenanceAction.MERGE, 0, 0, 2, 1, 0, null);
    }
    assertEquals(10_000, log.events().size());
    assertEquals(6L, log.events().get(0).eventId());
    assertEquals("", log.events().get(0).detail(), "a null detail is recorded as empty");
  }

  @Test
  void badValuesNameTheParameter() {
    MaintenanceLog log = new MaintenanceLog();
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> log.record("t", "v", MaintenanceAction.REBUILD, 0, -1, 1, 1, 0, ""));
    assertEquals("durationNanos, partitionsBefore, partitionsAfter, vectorsMoved: must not be negative, were -1, 1,"
        + " 1, 0", negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> log.record(null, "v", MaintenanceAction.REBUILD, 0, 0, 1, 1,
        0, ""));
    assertEquals(List.of(), log.events(), "nothing was recorded");
  }
}
