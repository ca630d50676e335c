package dev.quiver.adapter.procedure;

import dev.quiver.adapter.maintenance.MaintenanceEvent;
import dev.quiver.functions.Procedure;
import dev.quiver.functions.ProcedureArguments;
import dev.quiver.functions.SqlUserError;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL quiver.rebuild(table_name [, nlist])}: rebuilds the index of each vector column of the table online —
 * searches and writes go on, the new index is built aside and published in one step — and returns once it is
 * published, one row per vector column: {@code table_name, column_name, vectors, partitions_before,
 * partitions_after, duration_ms}.
 *
 * <p>{@code nlist} is the number of partitions, 1 to the column's vector count; left out, it is the default for the
 * column's size (4·√n, one partition below 2,048 vectors). The column's maintenance policy may change the partition
 * count afterwards (splits, merges, its own rebuild). A rebuild already running on the column (automatic, or another
 * call's) is waited for, then this one runs, so the column ends up with the partitioning asked for.
 */
public final class RebuildProcedure {

  /** The procedure. */
  public static final Procedure DEFINITION = Procedure.builder("rebuild", RebuildProcedure.class)
      .parameter("table_name", SqlTypeName.VARCHAR)
      .optional("nlist", SqlTypeName.INTEGER)
      .column("table_name", SqlTypeName.VARCHAR)
      .column("column_name", SqlTypeName.VARCHAR)
      .column("vectors", SqlTypeName.BIGINT)
      .column("partitions_before", SqlTypeName.INTEGER)
      .column("partitions_after", SqlTypeName.INTEGER)
      .column("duration_ms", SqlTypeName.DOUBLE)
      .build();

  private RebuildProcedure() {}

  /** The body. */
  public static List<Object[]> call(DataContext root, ProcedureArguments arguments) {
    String procedure = arguments.procedure();
    List<VectorColumnTarget> targets = VectorColumnTarget.allOf(
        QuiverProcedures.session(root, arguments).database(), procedure, arguments.text("table_name"));
    int nlist = arguments.integer("nlist", 0);
    String where = targets.get(0).tableName();
    if (arguments.present("nlist") && nlist < 1) {
      throw new SqlUserError("22023", procedure + ": nlist " + nlist + " for " + where + " is not a number of"
          + " partitions; give at least 1, or leave nlist out for the default (4·√n)");
    }
    // Checked for every column before any is rebuilt, so that a bad nlist changes nothing; the table checks again
    // against its snapshot, for rows deleted meanwhile.
    for (VectorColumnTarget target : targets) {
      int vectors = target.index().size();
      if (nlist > vectors) {
        throw new SqlUserError("22023", procedure + ": nlist " + nlist + " for " + where + "."
            + target.columnName() + " exceeds its " + vectors + " vectors; give 1 to " + vectors + " partitions,"
            + " or leave nlist out for the default (4·√n)");
      }
    }
    String reason = "CALL " + procedure + (nlist > 0 ? " with nlist " + nlist : "");
    List<Object[]> rows = new ArrayList<>();
    for (VectorColumnTarget target : targets) {
      MaintenanceEvent event = target.table().rebuildIndex(target.ordinal(), nlist, reason);
      rows.add(new Object[] {event.table(), event.column(), event.vectorsMoved(), event.partitionsBefore(),
          event.partitionsAfter(), event.durationMillis()});
    }
    return rows;
  }
}
