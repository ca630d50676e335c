package dev.quiver.adapter.procedure;

import dev.quiver.adapter.QuiverDatabase;
import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.table.VectorColumnIndex;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import java.util.ArrayList;
import java.util.List;

/**
 * The vector column a procedure acts on, found from the table (and column) names it was given, with the errors a
 * user sees for a name that does not fit.
 *
 * @param table the table
 * @param ordinal the vector column's position in the table
 */
public record VectorColumnTarget(VectorTable table, int ordinal) {

  /** The table's name. */
  public String tableName() {
    return table.definition().name();
  }

  /** The column's name. */
  public String columnName() {
    return table.definition().columns().get(ordinal).name();
  }

  /** The column's index. */
  public VectorColumnIndex index() {
    return table.index(ordinal);
  }

  /**
   * Every vector column of {@code tableName}.
   *
   * @param procedure the procedure's qualified name, for messages
   * @throws SqlUserError 42P01 if there is no such table, 42809 if it has no vector column
   */
  public static List<VectorColumnTarget> allOf(QuiverDatabase database, String procedure, String tableName) {
    VectorTable table = table(database, procedure, tableName);
    List<VectorColumnTarget> targets = new ArrayList<>();
    for (int ordinal : table.definition().vectorColumns()) {
      targets.add(new VectorColumnTarget(table, ordinal));
    }
    if (targets.isEmpty()) {
      throw new SqlUserError("42809", procedure + ": table " + table.definition().name() + " has no VECTOR column,"
          + " so it has no vector index; SELECT * FROM quiver.vector_columns lists the vector columns");
    }
    return targets;
  }

  /**
   * The vector column {@code columnName} of {@code tableName}, or with a null name its only vector column.
   *
   * @throws SqlUserError 42P01 if there is no such table, 42809 if it has no vector column or the column is not
   *     one, 42703 if it has no such column, 42702 if no column is named and it has several vector columns
   */
  public static VectorColumnTarget of(QuiverDatabase database, String procedure, String tableName,
      String columnName) {
    List<VectorColumnTarget> targets = allOf(database, procedure, tableName);
    VectorTable table = targets.get(0).table();
    String name = table.definition().name();
    if (columnName == null) {
      if (targets.size() > 1) {
        throw new SqlUserError("42702", procedure + ": table " + name + " has " + targets.size() + " vector columns ("
            + String.join(", ", targets.stream().map(VectorColumnTarget::columnName).toList()) + "); name one as the"
            + " column argument, e.g. " + procedure + "('" + name + "', …, '" + targets.get(0).columnName() + "')");
      }
      return targets.get(0);
    }
    List<ColumnDefinition> columns = table.definition().columns();
    for (int ordinal = 0; ordinal < columns.size(); ordinal++) {
      if (columns.get(ordinal).name().equalsIgnoreCase(columnName)) {
        if (!columns.get(ordinal).type().isVector()) {
          throw new SqlUserError("42809", procedure + ": column " + name + "." + columns.get(ordinal).name()
              + " is not a VECTOR column; SELECT * FROM quiver.vector_columns lists the vector columns");
        }
        return new VectorColumnTarget(table, ordinal);
      }
    }
    throw new SqlUserError("42703", procedure + ": table " + name + " has no column " + columnName
        + "; SELECT * FROM quiver.vector_columns lists the vector columns");
  }

  private static VectorTable table(QuiverDatabase database, String procedure, String tableName) {
    VectorTable table = database.table(tableName);
    if (table == null) {
      throw new SqlUserError("42P01", procedure + ": table " + tableName + " does not exist; SELECT * FROM"
          + " quiver.tables lists the tables");
    }
    return table;
  }
}
