package dev.quiver.adapter;

import java.sql.SQLException;
import java.util.Map;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Mounts the tables of a Quiver database in an existing Calcite setup, from a model file:
 *
 * <pre>{@code
 * { "version": "1.0", "defaultSchema": "docs",
 *   "schemas": [ { "name": "docs", "type": "custom",
 *                  "factory": "dev.quiver.adapter.QuiverSchemaFactory",
 *                  "operand": { "directory": "/var/lib/quiver" } } ] }
 * }</pre>
 *
 * <p>The schema brings the vector functions and, through its tables' scans, the vector-search rewrite. Statements
 * that only Quiver's parser knows ({@code CREATE TABLE … VECTOR(n)}, {@code SET vector_search.…}) and the session
 * options need a {@code jdbc:quiver:} connection.
 */
public final class QuiverSchemaFactory implements SchemaFactory {

  /** The operand naming the database: a directory, or {@code mem:name}. */
  public static final String DIRECTORY = "directory";

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    Object location = operand.get(DIRECTORY);
    if (!(location instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("schema " + name + ": operand '" + DIRECTORY + "' must name the Quiver"
          + " database directory (or mem:name), was " + location);
    }
    try {
      return new QuiverSchema(QuiverDatabase.open(text));
    } catch (SQLException e) {
      throw new IllegalStateException("schema " + name + ": cannot open " + text + ": " + e.getMessage(), e);
    }
  }
}
