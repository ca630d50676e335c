package dev.quiver.adapter.ddl;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * Describes the {@code VECTOR(n)} type, written in a column definition or as the target of a {@code CAST}.
 *
 * <p>To Calcite's type system a vector is an {@code ARRAY} of {@code REAL NOT NULL}. A column's dimension and metric
 * are kept and enforced by Quiver's catalog rather than by the type, so the planner and the generated code need no
 * custom type.
 */
public final class SqlVectorTypeNameSpec extends SqlTypeNameSpec {

  private final int dimension;

  /** Creates a spec; the grammar has already rejected a dimension below 1 with its position. */
  public SqlVectorTypeNameSpec(int dimension, SqlParserPos pos) {
    super(new SqlIdentifier("VECTOR", pos), pos);
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be a positive integer, but was " + dimension);
    }
    this.dimension = dimension;
  }

  /** Returns the number of components, n in {@code VECTOR(n)}. */
  public int dimension() {
    return dimension;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    RelDataTypeFactory typeFactory = validator.getTypeFactory();
    // -1: an array type has no maximum cardinality; the dimension is checked against the catalog, not here.
    return typeFactory.createArrayType(typeFactory.createSqlType(SqlTypeName.REAL), -1);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("VECTOR");
    SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
    writer.print(dimension);
    writer.endList(frame);
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (!(spec instanceof SqlVectorTypeNameSpec that) || that.dimension != dimension) {
      return litmus.fail("VECTOR({}) != {}", dimension, spec);
    }
    return litmus.succeed();
  }
}
