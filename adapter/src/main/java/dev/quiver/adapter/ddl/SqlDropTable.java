package dev.quiver.adapter.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Describes {@code DROP TABLE [IF EXISTS] name}. */
public final class SqlDropTable extends SqlDrop {

  private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE);

  private final SqlIdentifier name;

  /** Creates a statement. */
  public SqlDropTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Returns the name of the table to drop, possibly qualified by a schema. */
  public SqlIdentifier name() {
    return name;
  }

  /** Returns whether {@code IF EXISTS} was given. */
  public boolean ifExists() {
    return ifExists;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP TABLE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    // Checked first: Calcite's own DDL nodes use the same operator names.
    if (!(node instanceof SqlDropTable that)) {
      return litmus.fail("{} != {}", this, node);
    }
    if (!super.equalsDeep(node, litmus)) {
      return false;
    }
    // The operands do not include the IF EXISTS flag.
    if (ifExists != that.ifExists) {
      return litmus.fail("{} != {}", this, node);
    }
    return litmus.succeed();
  }
}
