package dev.quiver.adapter.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.functions.SqlUserError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** A statement whose rows another statement changed since it read them writes nothing (no lost update). */
class TableChangeTest {

  private static final TableDefinition TABLE = new TableDefinition("t", List.of(
      new ColumnDefinition("id", ColumnType.scalar("t.id", SqlTypeName.BIGINT, -1, -1), false),
      new ColumnDefinition("n", ColumnType.scalar("t.n", SqlTypeName.INTEGER, -1, -1), true)), 0);

  @Test
  void updateOfARowChangedSinceItWasReadIsRefused() {
    Map<Long, Object[]> rows = new ConcurrentHashMap<>(Map.of(1L, new Object[] {5L, 2}));
    Map<Object, Long> keys = new ConcurrentHashMap<>(Map.of(5L, 1L));
    AtomicLong next = new AtomicLong(2);
    TableChange.Resolver resolver = new TableChange.Resolver(TABLE, rows, keys, next::getAndIncrement);
    // Read as n = 1, but another statement has since committed n = 2.
    TableChange stale = new TableChange.Update(List.<Object[]>of(new Object[] {5L, 1, 10}), new int[] {1});
    SqlUserError error = assertThrows(SqlUserError.class, () -> stale.resolve(resolver));
    assertEquals("40001", error.sqlState());
    TableChange current = new TableChange.Update(List.<Object[]>of(new Object[] {5L, 2, 10}), new int[] {1});
    assertEquals(1, current.resolve(resolver).updates().size());
  }
}
