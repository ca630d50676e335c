package dev.quiver.adapter.ddl;

import dev.quiver.adapter.QuiverDatabase;
import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.catalog.TableDefinition;
import dev.quiver.adapter.parser.QuiverSqlParserImpl;
import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.functions.SqlUserError;
import dev.quiver.index.Metric;
import java.io.Reader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.server.DdlExecutorImpl;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Executes Quiver's DDL and session statements: {@code CREATE TABLE} (with {@code VECTOR(n) METRIC …} columns, and
 * {@code AS query}), {@code DROP TABLE}, and {@code SET}/{@code RESET} of the {@code vector_search.*} options.
 * Calcite finds this executor through {@link #PARSER_FACTORY}, the parser factory every Quiver connection uses.
 */
public class QuiverDdlExecutor extends DdlExecutorImpl {

  /** The executor. */
  public static final QuiverDdlExecutor INSTANCE = new QuiverDdlExecutor();

  /** Quiver's parser, paired with this executor. */
  public static final SqlParserImplFactory PARSER_FACTORY = new SqlParserImplFactory() {
    @Override
    public SqlAbstractParserImpl getParser(Reader stream) {
      return QuiverSqlParserImpl.FACTORY.getParser(stream);
    }

    @Override
    public DdlExecutor getDdlExecutor() {
      return INSTANCE;
    }
  };

  /** The metric of a vector column declared without METRIC: L2, as pgvector's default operator class. */
  public static final Metric DEFAULT_METRIC = Metric.L2;

  protected QuiverDdlExecutor() {}

  /** Executes CREATE TABLE. */
  public void execute(SqlCreateTable create, CalcitePrepare.Context context) {
    QuiverDatabase database = session(context).database();
    String name = tableName(create.name());
    if (create.ifNotExists() && database.table(name) != null) {
      return;
    }
    if (create.query() != null) {
      CreateTableAsSelect.run(create, name, context, database);
      return;
    }
    TableDefinition definition = definition(name, create);
    try {
      database.createTable(definition);
    } catch (SQLException e) {
      throw new SqlUserError("58000", "creating table " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** Executes DROP TABLE. */
  public void execute(SqlDropTable drop, CalcitePrepare.Context context) {
    QuiverDatabase database = session(context).database();
    String name = tableName(drop.name());
    if (drop.ifExists() && database.table(name) == null) {
      return;
    }
    try {
      database.dropTable(name);
    } catch (SQLException e) {
      throw new SqlUserError("58000", "dropping table " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** Executes {@code SET vector_search.x = v}, {@code RESET vector_search.x} and {@code RESET ALL}. */
  public void execute(SqlSetOption set, CalcitePrepare.Context context) {
    QuiverSession session = session(context);
    String option = String.join(".", set.getName().names).toLowerCase(Locale.ROOT);
    if (option.equals("all") && set.getValue() == null) {
      session.resetAll();
      return;
    }
    String prefix = "vector_search.";
    if (!option.startsWith(prefix)) {
      throw new SqlUserError("42704", "unknown setting " + option + "; the settings are vector_search.recall and"
          + " vector_search.nprobe");
    }
    SqlNode value = set.getValue();
    String text = null;
    if (value instanceof SqlLiteral literal) {
      text = literal.getValue() == null ? null : literal.toValue();
    } else if (value instanceof SqlIdentifier identifier) {
      text = identifier.toString();
    } else if (value != null) {
      text = value.toString();
    }
    session.set(option.substring(prefix.length()), text);
  }

  /** The definition CREATE TABLE describes, checked. */
  static TableDefinition definition(String table, SqlCreateTable create) {
    if (create.columnList() == null || create.columnList().isEmpty()) {
      throw new SqlUserError("42601", "CREATE TABLE " + table + " needs a column list or AS query");
    }
    List<ColumnDefinition> columns = new ArrayList<>();
    List<String> keyColumns = new ArrayList<>();
    for (SqlNode element : create.columnList()) {
      if (element instanceof SqlColumnDefinition column) {
        String name = column.name().getSimple();
        if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(name))) {
          throw new SqlUserError("42701", "column " + name + " appears twice in CREATE TABLE " + table
              + "; give each column its own name");
        }
        columns.add(new ColumnDefinition(name, columnType(table, column), column.nullable() && !column.primaryKey()));
        if (column.primaryKey()) {
          keyColumns.add(name);
        }
      } else if (element instanceof SqlPrimaryKeyConstraint constraint) {
        for (SqlNode key : constraint.columns()) {
          keyColumns.add(((SqlIdentifier) key).getSimple());
        }
      } else {
        throw new SqlUserError("42601", "CREATE TABLE " + table + ": '" + element + "' is not a column definition");
      }
    }
    if (keyColumns.size() > 1) {
      throw new SqlUserError("0A000", "table " + table + ": a primary key of several columns (" + keyColumns
          + ") is not supported; declare one column PRIMARY KEY");
    }
    int key = -1;
    if (!keyColumns.isEmpty()) {
      key = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equalsIgnoreCase(keyColumns.get(0))) {
          key = i;
        }
      }
      if (key < 0) {
        throw new SqlUserError("42703", "table " + table + ": PRIMARY KEY names column " + keyColumns.get(0)
            + ", which is not in the column list");
      }
      ColumnDefinition keyColumn = columns.get(key);
      if (keyColumn.type().isVector()) {
        throw new SqlUserError("42P16", "table " + table + ": a vector column cannot be the primary key");
      }
      columns.set(key, new ColumnDefinition(keyColumn.name(), keyColumn.type(), false));
    }
    return new TableDefinition(table, columns, key);
  }

  private static ColumnType columnType(String table, SqlColumnDefinition column) {
    SqlDataTypeSpec spec = column.dataType();
    String name = column.name().getSimple();
    if (spec.getTypeNameSpec() instanceof SqlVectorTypeNameSpec vector) {
      if (vector.dimension() > ColumnType.MAX_DIMENSION) {
        throw new SqlUserError("22023", "column " + table + "." + name + ": VECTOR(" + vector.dimension()
            + ") exceeds the largest dimension, " + ColumnType.MAX_DIMENSION);
      }
      Metric metric = DEFAULT_METRIC;
      if (column.metric() != null) {
        try {
          metric = Metric.parse(column.metric());
        } catch (IllegalArgumentException e) {
          throw new SqlUserError("22023", "column " + table + "." + name + ": unknown METRIC " + column.metric()
              + "; use METRIC L2, METRIC COSINE or METRIC IP", e);
        }
      }
      return ColumnType.vector(vector.dimension(), metric);
    }
    if (column.metric() != null) {
      throw new SqlUserError("42601", "column " + table + "." + name + ": METRIC applies only to VECTOR columns");
    }
    if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      throw new SqlUserError("0A000", "column " + table + "." + name + ": type " + spec.getTypeName()
          + " is not supported; use a SQL scalar type or VECTOR(n)");
    }
    SqlTypeName typeName = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    if (typeName == null) {
      throw new SqlUserError("0A000", "column " + table + "." + name + ": unknown type " + basic.getTypeName());
    }
    return ColumnType.scalar(table + "." + name, typeName, basic.getPrecision(), basic.getScale());
  }

  static String tableName(SqlIdentifier identifier) {
    if (identifier.names.size() == 2 && identifier.names.get(0).equalsIgnoreCase("public")) {
      return identifier.names.get(1);
    }
    if (!identifier.isSimple()) {
      throw new SqlUserError("3F000", "table " + identifier + ": tables can only be created in schema public;"
          + " give a simple name");
    }
    return identifier.getSimple();
  }

  /** The session of the connection executing a statement. */
  static QuiverSession session(CalcitePrepare.Context context) {
    QuiverSession session = SystemSchema.sessionOf(context.getRootSchema().plus());
    if (session == null) {
      throw new SqlUserError("0A000", "DDL needs a jdbc:quiver: connection; this connection has no quiver schema");
    }
    return session;
  }
}
