package dev.quiver.adapter.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Describes a table-level {@code PRIMARY KEY (col [, col]*)} element of a {@code CREATE TABLE}. */
public final class SqlPrimaryKeyConstraint extends SqlCall {

  private static final SqlOperator OPERATOR = new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY);

  private final SqlNodeList columns;

  /** Creates a constraint over the given column identifiers. */
  public SqlPrimaryKeyConstraint(SqlParserPos pos, SqlNodeList columns) {
    super(pos);
    this.columns = Objects.requireNonNull(columns, "columns");
  }

  /** Returns the key's columns, as simple identifiers in declaration order. */
  public SqlNodeList columns() {
    return columns;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(columns);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("PRIMARY KEY");
    // Non-zero precedences make SqlNodeList write its parentheses.
    columns.unparse(writer, 1, 1);
  }
}
