package dev.quiver.adapter.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Describes {@code CREATE TABLE [IF NOT EXISTS] name}, either with a list of column definitions and constraints, or
 * as {@code CREATE TABLE ... [(col, ...)] AS query}.
 */
public final class SqlCreateTable extends SqlCreate {

  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final @Nullable SqlNodeList columnList;
  private final @Nullable SqlNode query;

  /**
   * Creates a statement. Without a query, {@code columnList} holds {@link SqlColumnDefinition}s and
   * {@link SqlPrimaryKeyConstraint}s; with one, it holds plain column names or is null.
   */
  public SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, @Nullable SqlNodeList columnList,
      @Nullable SqlNode query) {
    // OR REPLACE is rejected by the grammar, hence replace = false.
    super(OPERATOR, pos, false, ifNotExists);
    if (columnList == null && query == null) {
      throw new IllegalArgumentException("CREATE TABLE needs column definitions or a query");
    }
    this.name = Objects.requireNonNull(name, "name");
    this.columnList = columnList;
    this.query = query;
  }

  /** Returns the name of the table to create, possibly qualified by a schema. */
  public SqlIdentifier name() {
    return name;
  }

  /** Returns whether {@code IF NOT EXISTS} was given. */
  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** Returns the column definitions and constraints, the CTAS column names, or null for a CTAS without names. */
  public @Nullable SqlNodeList columnList() {
    return columnList;
  }

  /** Returns the query of {@code CREATE TABLE ... AS query}, or null. */
  public @Nullable SqlNode query() {
    return query;
  }

  @Override
  public List<@Nullable SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columnList, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (columnList != null) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode element : columnList) {
        writer.sep(",");
        element.unparse(writer, 0, 0);
      }
      writer.endList(frame);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    // Checked first: Calcite's own DDL nodes use the same operator names.
    if (!(node instanceof SqlCreateTable that)) {
      return litmus.fail("{} != {}", this, node);
    }
    if (!super.equalsDeep(node, litmus)) {
      return false;
    }
    // The operands do not include the IF NOT EXISTS flag.
    if (ifNotExists != that.ifNotExists) {
      return litmus.fail("{} != {}", this, node);
    }
    return litmus.succeed();
  }
}
