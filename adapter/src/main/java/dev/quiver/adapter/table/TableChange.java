package dev.quiver.adapter.table;

import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.adapter.store.RowChanges;
import dev.quiver.adapter.store.ValueCodec;
import dev.quiver.functions.FloatVector;
import dev.quiver.functions.SqlUserError;
import dev.quiver.functions.VectorValues;
import dev.quiver.index.Metric;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What one INSERT, UPDATE or DELETE asks of a table, as the rows its query produced; {@link #resolve} checks it
 * against the table and turns it into the row-level changes to commit.
 */
public sealed interface TableChange {

  /** Validates the statement and works out which rows it adds, replaces and removes. */
  RowChanges resolve(Resolver resolver);

  /** New rows, one value per column in table order. */
  record Insert(List<Object[]> rows) implements TableChange {
    @Override
    public RowChanges resolve(Resolver resolver) {
      RowChanges changes = new RowChanges();
      Set<Object> newKeys = new HashSet<>();
      for (Object[] row : rows) {
        Object[] values = resolver.validate(row);
        resolver.requireNewKey(values, newKeys, null);
        changes.inserts().add(new RowChanges.Row(resolver.nextRowId.getAsLong(), values));
      }
      return changes;
    }
  }

  /** Rows to remove, as the table scan produced them. */
  record Delete(List<Object[]> rows) implements TableChange {
    @Override
    public RowChanges resolve(Resolver resolver) {
      RowChanges changes = new RowChanges();
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (Object[] row : rows) {
        long rowId = resolver.rowIdOf(row);
        if (seen.add(rowId)) { // a join in the WHERE can produce the same row twice
          changes.deletes().add(rowId);
        }
      }
      return changes;
    }
  }

  /**
   * Rows to change: each input row is the old row's values followed by the new values of {@code columns}, in that
   * order (the shape Calcite gives an UPDATE's source).
   */
  record Update(List<Object[]> rows, int[] columns) implements TableChange {
    @Override
    public RowChanges resolve(Resolver resolver) {
      RowChanges changes = new RowChanges();
      int width = resolver.definition.columns().size();
      Set<Object> newKeys = new HashSet<>();
      Set<Long> updated = new HashSet<>();
      for (Object[] input : rows) {
        Object[] old = Arrays.copyOf(input, width);
        long rowId = resolver.rowIdOf(old);
        Object[] next = old.clone();
        for (int i = 0; i < columns.length; i++) {
          next[columns[i]] = input[width + i];
        }
        Object[] values = resolver.validate(next);
        resolver.requireNewKey(values, newKeys, rowId);
        if (updated.add(rowId)) {
          changes.updates().add(new RowChanges.Row(rowId, values));
        }
      }
      return changes;
    }
  }

  /** The table's state a change is checked against; created by the table under its write lock. */
  final class Resolver {
    private final TableDefinition definition;
    private final Map<Long, Object[]> rows;
    private final Map<Object, Long> keys;
    private final LongSupplier nextRowId;
    /** Row content → row ids, built on first use for tables without a primary key. */
    private Map<List<Object>, Deque<Long>> byContent;

    Resolver(TableDefinition definition, Map<Long, Object[]> rows, Map<Object, Long> keys, LongSupplier nextRowId) {
      this.definition = definition;
      this.rows = rows;
      this.keys = keys;
      this.nextRowId = nextRowId;
    }

    /** Checks a whole new row and returns it in the exact runtime form the table stores. */
    Object[] validate(Object[] row) {
      List<ColumnDefinition> columns = definition.columns();
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        ColumnDefinition column = columns.get(i);
        Object value = i < row.length ? row[i] : null;
        if (value == null) {
          if (!column.nullable()) {
            throw new SqlUserError("23502", "column " + qualified(column) + " cannot be NULL"
                + (i == definition.primaryKey() ? " (it is the primary key)" : "") + "; give it a value");
          }
          continue;
        }
        values[i] = column.type().isVector() ? vector(column, value) : scalar(column, value);
      }
      return values;
    }

    private Object scalar(ColumnDefinition column, Object value) {
      ColumnType type = column.type();
      Object converted;
      try {
        converted = ValueCodec.toRuntime(type, value);
      } catch (ClassCastException | NumberFormatException | java.time.DateTimeException e) {
        throw new SqlUserError("22018", "column " + qualified(column) + " of type " + type.sqlText()
            + " cannot hold '" + value + "'; give a value of that type", e);
      }
      if ((type.typeName() == SqlTypeName.VARCHAR || type.typeName() == SqlTypeName.CHAR) && type.precision() > 0
          && ((String) converted).length() > type.precision()) {
        throw new SqlUserError("22001", "value too long for column " + qualified(column) + " of type "
            + type.sqlText() + ": " + ((String) converted).length() + " characters; shorten it or widen the column");
      }
      return converted;
    }

    private FloatVector vector(ColumnDefinition column, Object value) {
      String what = "column " + qualified(column);
      float[] components = VectorValues.toFloats(what, value).clone(); // the caller's array may change later
      ColumnType type = column.type();
      if (components.length != type.dimension()) {
        throw new SqlUserError("22000", what + " is " + type.sqlText() + " but the value has " + components.length
            + " dimensions; give vectors of exactly " + type.dimension() + " components");
      }
      if (type.metric() == Metric.COSINE && isZero(components)) {
        throw new SqlUserError("22000", what + " uses METRIC COSINE, which is undefined for the zero vector;"
            + " give a non-zero vector or use METRIC L2");
      }
      return new FloatVector(components, type.metric());
    }

    /** Fails if the row's key is already used by another row or earlier in the same statement. */
    void requireNewKey(Object[] values, Set<Object> newKeys, Long ownRowId) {
      int key = definition.primaryKey();
      if (key < 0) {
        return;
      }
      Long holder = keys.get(values[key]);
      boolean takenByOther = holder != null && !holder.equals(ownRowId);
      if (takenByOther || !newKeys.add(values[key])) {
        throw new SqlUserError("23505", "duplicate key: " + definition.name() + "."
            + definition.columns().get(key).name() + " = " + values[key] + " already exists; nothing was written;"
            + (ownRowId == null ? " use UPDATE to change the existing row or choose another key"
                : " choose a key no other row has"));
      }
    }

    /** The id of the stored row a scan produced (by primary key, or by content without one). */
    long rowIdOf(Object[] row) {
      int key = definition.primaryKey();
      Long rowId;
      if (key >= 0) {
        rowId = keys.get(row[key]);
      } else {
        if (byContent == null) {
          byContent = new HashMap<>();
          rows.forEach((id, values) -> byContent.computeIfAbsent(Arrays.asList(values), k -> new ArrayDeque<>())
              .add(id));
        }
        Deque<Long> ids = byContent.get(Arrays.asList(row));
        rowId = ids == null ? null : ids.poll();
      }
      // The statement read its rows without a lock; a statement that committed since then makes this one's view
      // stale, and writing it back would undo the other's change (a lost update).
      if (rowId == null || !Arrays.equals(rows.get(rowId), row)) {
        throw new SqlUserError("40001", "table " + definition.name() + " changed while the statement ran (another"
            + " statement updated or deleted the same row); nothing was written; run the statement again");
      }
      return rowId;
    }

    private String qualified(ColumnDefinition column) {
      return definition.name() + "." + column.name();
    }

    private static boolean isZero(float[] components) {
      for (float c : components) {
        if (c != 0f) {
          return false;
        }
      }
      return true;
    }
  }
}
