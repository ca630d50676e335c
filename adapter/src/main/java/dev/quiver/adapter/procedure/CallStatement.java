package dev.quiver.adapter.procedure;

import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.functions.Procedure;
import dev.quiver.functions.SqlUserError;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns {@code CALL quiver.p(arguments)} into the query that runs it, {@code SELECT * FROM TABLE(quiver.p(arguments))},
 * so that a call is prepared, validated (arguments against the procedure's parameters, {@code ?} typed by them) and
 * executed on Calcite's normal query path and returns its rows as a result set. Called by the generated parser.
 *
 * <p>Procedures are named with their schema: {@code CALL rebuild('docs')} is an error that says to write
 * {@code CALL quiver.rebuild('docs')}, as is a name that is not one of {@link QuiverProcedures}.
 */
public final class CallStatement {

  private CallStatement() {}

  /**
   * The query for {@code CALL routine}, where {@code routine} is the parsed {@code name(arguments)}.
   *
   * @throws SqlUserError 42883 if {@code routine} names no procedure of schema quiver
   */
  public static SqlSelect toQuery(SqlNode routine, SqlParserPos pos) {
    SqlIdentifier name = ((SqlBasicCall) routine).getOperator().getNameAsId();
    Procedure procedure = QuiverProcedures.find(name.names.get(name.names.size() - 1));
    boolean inQuiver = name.names.size() == 2 && name.names.get(0).equalsIgnoreCase(SystemSchema.NAME);
    if (procedure == null || !inQuiver) {
      String remedy = procedure != null
          ? "procedures live in schema " + SystemSchema.NAME + ": write CALL " + SystemSchema.NAME + "."
              + procedure.name() + "(…)"
          : "the procedures are " + QuiverProcedures.signatures();
      throw new SqlUserError("42883", "procedure " + name + " does not exist; " + remedy);
    }
    SqlNode table = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, routine);
    return new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), table, null, null, null, null, null,
        null, null, null, null);
  }
}
