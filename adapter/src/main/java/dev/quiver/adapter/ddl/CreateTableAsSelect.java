package dev.quiver.adapter.ddl;

import dev.quiver.adapter.QuiverDatabase;
import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CREATE TABLE t [(names)] AS query}: creates the table with the query's columns — a vector column keeps the
 * dimension and metric of the column it comes from — then fills it with {@code INSERT INTO t query} on the same
 * connection. If filling fails, the table is dropped again, so the statement has no effect.
 */
final class CreateTableAsSelect {

  private CreateTableAsSelect() {}

  static void run(SqlCreateTable create, String name, CalcitePrepare.Context context, QuiverDatabase database) {
    String query = create.query().toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    Connection connection = (Connection) context.getDataContext().getQueryProvider();
    TableDefinition definition;
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      definition = definition(name, create, statement.getMetaData(), database);
    } catch (SQLException e) {
      throw new SqlUserError(e.getSQLState() == null ? "42000" : e.getSQLState(), "CREATE TABLE " + name
          + " AS: the query failed: " + e.getMessage(), e);
    }
    try {
      database.createTable(definition);
    } catch (SQLException e) {
      throw new SqlUserError("58000", "creating table " + name + " failed: " + e.getMessage(), e);
    }
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO \"" + name.replace("\"", "\"\"") + "\" " + query);
    } catch (SQLException | RuntimeException e) {
      try {
        database.dropTable(name);
      } catch (SQLException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw new SqlUserError(e instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "42000",
          "CREATE TABLE " + name + " AS: filling the table failed, so it was not created: " + e.getMessage(), e);
    }
  }

  private static TableDefinition definition(String table, SqlCreateTable create, ResultSetMetaData metaData,
      QuiverDatabase database) throws SQLException {
    List<String> names = new ArrayList<>();
    if (create.columnList() != null) {
      for (SqlNode node : create.columnList()) {
        names.add(((SqlIdentifier) node).getSimple());
      }
      if (names.size() != metaData.getColumnCount()) {
        throw new SqlUserError("42601", "CREATE TABLE " + table + " names " + names.size() + " columns but the"
            + " query returns " + metaData.getColumnCount());
      }
    }
    List<ColumnDefinition> columns = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      String column = names.isEmpty() ? metaData.getColumnLabel(i) : names.get(i - 1);
      boolean nullable = metaData.isNullable(i) != ResultSetMetaData.columnNoNulls;
      columns.add(new ColumnDefinition(column, type(table, column, metaData, i, database), nullable));
    }
    return new TableDefinition(table, columns, -1);
  }

  private static ColumnType type(String table, String column, ResultSetMetaData metaData, int i,
      QuiverDatabase database) throws SQLException {
    int jdbcType = metaData.getColumnType(i);
    if (jdbcType == Types.ARRAY) {
      VectorTable source = database.table(metaData.getTableName(i));
      int ordinal = source == null ? -1 : source.definition().ordinalOf(metaData.getColumnName(i));
      if (ordinal < 0 || !source.definition().columns().get(ordinal).type().isVector()) {
        throw new SqlUserError("0A000", "CREATE TABLE " + table + " AS: column " + column + " is an array that"
            + " does not come straight from a vector column, so its dimension is unknown; create the table with"
            + " VECTOR(n) first, then INSERT INTO " + table + " SELECT …");
      }
      return source.definition().columns().get(ordinal).type();
    }
    SqlTypeName typeName = SqlTypeName.getNameForJdbcType(jdbcType);
    boolean text = typeName == SqlTypeName.CHAR || typeName == SqlTypeName.VARCHAR;
    if (text) {
      typeName = SqlTypeName.VARCHAR; // literals are CHAR(n): a column of them must not pad or cut later values
    }
    if (typeName == null || !ColumnType.SCALAR_TYPES.contains(typeName)) {
      throw new SqlUserError("0A000", "CREATE TABLE " + table + " AS: column " + column + " has type "
          + metaData.getColumnTypeName(i) + ", which tables cannot hold; CAST it to a supported type");
    }
    int precision = !text && typeName.allowsPrec() && metaData.getPrecision(i) > 0 ? metaData.getPrecision(i) : -1;
    int scale = typeName.allowsScale() && precision >= 0 ? metaData.getScale(i) : -1;
    return ColumnType.scalar(table + "." + column, typeName, precision, scale);
  }
}
