package dev.quiver.adapter.procedure;

import dev.quiver.functions.Procedure;
import dev.quiver.functions.ProcedureArguments;
import dev.quiver.index.maintenance.MaintenanceAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL quiver.reindex(table_name [, column_name])}: runs one pass of each vector column's maintenance policy
 * now, on the calling connection, and returns what it did, one row per vector column: {@code table_name,
 * column_name, policy, actions, splits, merges, reindexes, rebuilds, partitions_before, partitions_after,
 * vectors_moved, duration_ms}. A pass with nothing to do returns {@code actions} = 0. Every action is also listed in
 * {@code quiver.maintenance_log}. Searches and writes go on meanwhile; the background worker's own pass, if one is
 * running, finishes first.
 */
public final class ReindexProcedure {

  /** The procedure. */
  public static final Procedure DEFINITION = Procedure.builder("reindex", ReindexProcedure.class)
      .parameter("table_name", SqlTypeName.VARCHAR)
      .optional("column_name", SqlTypeName.VARCHAR)
      .column("table_name", SqlTypeName.VARCHAR)
      .column("column_name", SqlTypeName.VARCHAR)
      .column("policy", SqlTypeName.VARCHAR)
      .column("actions", SqlTypeName.INTEGER)
      .column("splits", SqlTypeName.INTEGER)
      .column("merges", SqlTypeName.INTEGER)
      .column("reindexes", SqlTypeName.INTEGER)
      .column("rebuilds", SqlTypeName.INTEGER)
      .column("partitions_before", SqlTypeName.INTEGER)
      .column("partitions_after", SqlTypeName.INTEGER)
      .column("vectors_moved", SqlTypeName.BIGINT)
      .column("duration_ms", SqlTypeName.DOUBLE)
      .build();

  private ReindexProcedure() {}

  /** The body. */
  public static List<Object[]> call(DataContext root, ProcedureArguments arguments) {
    String procedure = arguments.procedure();
    var database = QuiverProcedures.session(root, arguments).database();
    String table = arguments.text("table_name");
    List<VectorColumnTarget> targets = arguments.present("column_name")
        ? List.of(VectorColumnTarget.of(database, procedure, table, arguments.text("column_name")))
        : VectorColumnTarget.allOf(database, procedure, table);
    List<Object[]> rows = new ArrayList<>();
    for (VectorColumnTarget target : targets) {
      long start = System.nanoTime();
      int before = target.index().current() == null ? 0 : target.index().current().nlist();
      List<MaintenanceAction> actions = target.table().reindex(target.ordinal());
      int after = target.index().current() == null ? 0 : target.index().current().nlist();
      long moved = 0;
      int[] counts = new int[MaintenanceAction.Kind.values().length];
      for (MaintenanceAction action : actions) {
        counts[action.kind().ordinal()]++;
        moved += action.vectorsMoved();
      }
      rows.add(new Object[] {target.tableName(), target.columnName(), target.index().maintenance().policy(),
          actions.size(), counts[MaintenanceAction.Kind.SPLIT.ordinal()],
          counts[MaintenanceAction.Kind.MERGE.ordinal()],
          counts[MaintenanceAction.Kind.REINDEX.ordinal()] + counts[MaintenanceAction.Kind.REFINE.ordinal()]
              + counts[MaintenanceAction.Kind.UPDATE_CENTROIDS.ordinal()],
          counts[MaintenanceAction.Kind.REBUILD.ordinal()], before, after, moved, (System.nanoTime() - start) / 1e6});
    }
    return rows;
  }
}
