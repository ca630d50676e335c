package dev.quiver.adapter.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A table as the catalog stores it: its columns in order and which one, if any, is the primary key.
 *
 * @param name the table's name as created
 * @param columns the columns, in declaration order
 * @param primaryKey the primary key's column ordinal, or −1 when the table has none
 */
public record TableDefinition(String name, List<ColumnDefinition> columns, int primaryKey) {

  /** Checks the fields. */
  public TableDefinition {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns: a table needs at least one column");
    }
    if (primaryKey < -1 || primaryKey >= columns.size()) {
      throw new IllegalArgumentException("primaryKey: no column " + primaryKey);
    }
  }

  /** The ordinal of the column with this name (case-insensitive), or −1. */
  public int ordinalOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  /** Ordinals of the vector columns. */
  public List<Integer> vectorColumns() {
    List<Integer> ordinals = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).type().isVector()) {
        ordinals.add(i);
      }
    }
    return ordinals;
  }

  /** The key under which tables are looked up: names are matched without regard to case. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
