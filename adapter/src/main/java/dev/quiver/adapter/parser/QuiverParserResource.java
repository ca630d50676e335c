package dev.quiver.adapter.parser;

import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.runtime.Resources.BaseMessage;
import org.apache.calcite.runtime.Resources.ExInst;
import org.apache.calcite.runtime.Resources.Property;

/**
 * Supplies the messages of the syntax errors that Quiver's grammar raises beyond JavaCC's own.
 *
 * <p>The grammar throws them through {@code SqlUtil.newContextException(pos, ...)}, so the parser reports them as a
 * {@code SqlParseException} carrying the position of the offending text.
 */
interface QuiverParserResource {

  /** The instance the generated parser calls; messages come from the annotations (there is no bundle file). */
  QuiverParserResource INSTANCE = Resources.create(QuiverParserResource.class);

  @BaseMessage("VECTOR dimension must be a positive integer, but was {0}")
  @Property(name = "SQLSTATE", value = "42000")
  ExInst<CalciteException> vectorDimensionNotPositive(String dimension);

  @BaseMessage("CREATE OR REPLACE TABLE is not supported; use DROP TABLE IF EXISTS, then CREATE TABLE")
  @Property(name = "SQLSTATE", value = "0A000")
  ExInst<CalciteException> createOrReplaceTableNotSupported();

  @BaseMessage("Column {0} cannot be both NULL and PRIMARY KEY; remove NULL")
  @Property(name = "SQLSTATE", value = "42000")
  ExInst<CalciteException> nullablePrimaryKeyColumn(String column);
}
