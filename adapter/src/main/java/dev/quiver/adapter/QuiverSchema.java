package dev.quiver.adapter;

import dev.quiver.adapter.table.VectorTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema that exposes the tables of a {@link QuiverDatabase}; tables created or dropped by DDL appear and vanish at
 * once, because the table map is read from the database on every lookup (the schema must not be cached).
 */
public final class QuiverSchema extends AbstractSchema {

  private final QuiverDatabase database;

  /** Creates a schema over {@code database}. */
  public QuiverSchema(QuiverDatabase database) {
    this.database = database;
  }

  /** The database behind this schema. */
  public QuiverDatabase database() {
    return database;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new LinkedHashMap<>();
    for (VectorTable table : database.tables()) {
      map.put(table.definition().name(), table);
    }
    return map;
  }

  /** The vector functions, so that they resolve in any connection that mounts this schema. */
  @Override
  protected com.google.common.collect.Multimap<String, org.apache.calcite.schema.Function> getFunctionMultimap() {
    com.google.common.collect.ImmutableMultimap.Builder<String, org.apache.calcite.schema.Function> functions =
        com.google.common.collect.ImmutableMultimap.builder();
    dev.quiver.functions.VectorFunctionCatalog.functions().forEach(functions::put);
    return functions.build();
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
