package dev.quiver.adapter.jdbc;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator, made to infer the types of {@code ?} parameters in ORDER BY items: Calcite infers them only
 * for items it rewrote, so {@code ORDER BY l2_distance(embedding, ?)} — the central query of a vector database — would
 * fail to convert with an untyped parameter.
 */
final class QuiverSqlValidator extends CalciteSqlValidator {

  QuiverSqlValidator(SqlOperatorTable operators, CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory,
      Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  @Override
  protected void validateOrderList(SqlSelect select) {
    super.validateOrderList(select);
    if (select.getOrderList() == null) {
      return;
    }
    SqlValidatorScope scope = getOrderScope(select);
    for (SqlNode item : select.getOrderList()) {
      SqlNode expression = item.getKind() == SqlKind.DESCENDING ? ((SqlBasicCall) item).operand(0) : item;
      inferUnknownTypes(unknownType, scope, expression);
    }
  }
}
