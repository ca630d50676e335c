package dev.quiver.adapter.jdbc;

import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.ddl.QuiverDdlExecutor;
import dev.quiver.adapter.table.TableChange;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The fast path for JDBC batches of {@code INSERT INTO t [(columns)] VALUES (?, …, ?)}: the rows of a whole batch
 * go to the table as one change — checked, committed in H2 as one transaction, then indexed — instead of one planned
 * and executed statement per row (Calcite's way, which commits each row on its own). Any other statement, and any
 * batch that is not of this shape, runs through Calcite as usual.
 */
final class BatchInsert {

  private final VectorTable table;
  /** The table column each parameter fills, by parameter position. */
  private final int[] columns;
  private final List<Object[]> batch = new ArrayList<>();
  private Object[] current;

  private BatchInsert(VectorTable table, int[] columns) {
    this.table = table;
    this.columns = columns;
    this.current = new Object[columns.length];
  }

  /** A batch plan for {@code sql}, or null if it is not a plain parameterised INSERT into a Quiver table. */
  static BatchInsert plan(String sql, QuiverSession session) {
    if (session == null || !sql.stripLeading().regionMatches(true, 0, "INSERT", 0, 6)) {
      return null;
    }
    SqlNode node;
    try {
      node = SqlParser.create(sql, SqlParser.config().withParserFactory(QuiverDdlExecutor.PARSER_FACTORY)
          .withUnquotedCasing(Casing.TO_LOWER).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false))
          .parseStmt();
    } catch (SqlParseException e) {
      return null; // Calcite will report it
    }
    if (!(node instanceof SqlInsert insert) || !(insert.getTargetTable() instanceof SqlIdentifier target)
        || insert.getSource().getKind() != SqlKind.VALUES) {
      return null;
    }
    SqlBasicCall values = (SqlBasicCall) insert.getSource();
    if (values.operandCount() != 1 || !(values.operand(0) instanceof SqlBasicCall row)) {
      return null;
    }
    List<String> names = target.names;
    if (names.size() > 2 || (names.size() == 2 && !names.get(0).equalsIgnoreCase("public"))) {
      return null;
    }
    VectorTable table = session.database().table(names.get(names.size() - 1));
    if (table == null) {
      return null;
    }
    int width = table.definition().columns().size();
    int[] columns = new int[row.operandCount()];
    for (int i = 0; i < columns.length; i++) {
      if (!(row.operand(i) instanceof SqlDynamicParam)) {
        return null;
      }
      if (insert.getTargetColumnList() == null) {
        columns[i] = i;
      } else if (i < insert.getTargetColumnList().size()) {
        columns[i] = table.definition().ordinalOf(((SqlIdentifier) insert.getTargetColumnList().get(i)).getSimple());
      } else {
        return null;
      }
    }
    boolean complete = insert.getTargetColumnList() != null || columns.length == width;
    if (!complete || Arrays.stream(columns).anyMatch(c -> c < 0 || c >= width)
        || Arrays.stream(columns).distinct().count() != columns.length) {
      return null; // let Calcite explain what is wrong
    }
    return new BatchInsert(table, columns);
  }

  /** Records a parameter value (1-based), as the statement's setter received it. */
  void set(int parameter, Object value) {
    if (parameter >= 1 && parameter <= current.length) {
      // Copied now: a loader may refill the same array for the next row before the batch executes.
      current[parameter - 1] = switch (value) {
        case float[] floats -> floats.clone();
        case double[] doubles -> doubles.clone();
        case java.util.List<?> list -> new ArrayList<>(list);
        case null, default -> value;
      };
    }
  }

  /** Clears the current parameters. */
  void clearParameters() {
    current = new Object[columns.length];
  }

  /** Adds the current parameters as one row of the batch. */
  void addBatch() {
    Object[] row = new Object[table.definition().columns().size()];
    for (int i = 0; i < columns.length; i++) {
      row[columns[i]] = current[i];
    }
    batch.add(row);
  }

  /** Drops the rows batched so far. */
  void clearBatch() {
    batch.clear();
  }

  /**
   * Inserts every batched row as one transaction.
   *
   * @return an update count of 1 per row
   */
  long[] execute() throws SQLException {
    List<Object[]> rows = new ArrayList<>(batch);
    batch.clear();
    if (rows.isEmpty()) {
      return new long[0];
    }
    try {
      table.apply(new TableChange.Insert(rows));
    } catch (SqlUserError e) {
      throw e.toSqlException();
    }
    long[] counts = new long[rows.size()];
    Arrays.fill(counts, 1);
    return counts;
  }
}
