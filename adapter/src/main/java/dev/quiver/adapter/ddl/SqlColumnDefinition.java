package dev.quiver.adapter.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Describes one column of a {@code CREATE TABLE}: {@code name type [NOT NULL | NULL] [PRIMARY KEY] [METRIC m]}.
 *
 * <p>Nullability travels on {@link #dataType()} as in Calcite's own DDL ({@code withNullable(false)} for NOT NULL and
 * for a key column). The metric is accepted after any type; whether it fits the type is the executor's call.
 */
public final class SqlColumnDefinition extends SqlCall {

  private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec dataType;
  private final boolean primaryKey;
  private final @Nullable String metric;

  /** Creates a column definition; {@code metric} is already upper-cased, or null when none was given. */
  public SqlColumnDefinition(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec dataType, boolean primaryKey,
      @Nullable String metric) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.dataType = Objects.requireNonNull(dataType, "dataType");
    this.primaryKey = primaryKey;
    this.metric = metric;
  }

  /** Returns the column name. */
  public SqlIdentifier name() {
    return name;
  }

  /** Returns the declared type, carrying the column's nullability. */
  public SqlDataTypeSpec dataType() {
    return dataType;
  }

  /** Returns whether the column may hold NULL; false for NOT NULL and PRIMARY KEY columns. */
  public boolean nullable() {
    return !Boolean.FALSE.equals(dataType.getNullable());
  }

  /** Returns whether the column was declared {@code PRIMARY KEY} on its own line. */
  public boolean primaryKey() {
    return primaryKey;
  }

  /** Returns the upper-cased metric name given after {@code METRIC} (such as COSINE, L2, IP), or null. */
  public @Nullable String metric() {
    return metric;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, dataType);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    dataType.unparse(writer, 0, 0);
    if (primaryKey) {
      // PRIMARY KEY implies NOT NULL, so writing both would not change the re-parsed tree.
      writer.keyword("PRIMARY KEY");
    } else if (!nullable()) {
      writer.keyword("NOT NULL");
    }
    if (metric != null) {
      writer.keyword("METRIC");
      writer.identifier(metric, false);
    }
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    // Checked first: Calcite's own DDL nodes use the same operator names.
    if (!(node instanceof SqlColumnDefinition that)) {
      return litmus.fail("{} != {}", this, node);
    }
    if (!super.equalsDeep(node, litmus)) {
      return false;
    }
    // SqlDataTypeSpec.equalsDeep ignores nullability, and the flags are not operands.
    if (nullable() != that.nullable() || primaryKey != that.primaryKey || !Objects.equals(metric, that.metric)) {
      return litmus.fail("{} != {}", this, node);
    }
    return litmus.succeed();
  }
}
