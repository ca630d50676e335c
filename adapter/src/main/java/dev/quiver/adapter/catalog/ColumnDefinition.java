package dev.quiver.adapter.catalog;

import java.util.Objects;

/**
 * A column of a table as the catalog stores it.
 *
 * @param name the column's name as created (after the connection's identifier casing)
 * @param type its declared type
 * @param nullable whether NULL is allowed (never for the primary key)
 */
public record ColumnDefinition(String name, ColumnType type, boolean nullable) {

  /** Checks the fields. */
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
