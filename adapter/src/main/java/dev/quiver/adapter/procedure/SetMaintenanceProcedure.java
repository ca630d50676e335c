package dev.quiver.adapter.procedure;

import dev.quiver.adapter.catalog.MaintenanceSettings;
import dev.quiver.functions.Procedure;
import dev.quiver.functions.ProcedureArguments;
import dev.quiver.functions.SqlUserError;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL quiver.set_maintenance(table_name, policy [, 'name=value', …])}: chooses how the table's vector indexes
 * are maintained, and returns one row per column changed: {@code table_name, column_name, policy, options}.
 *
 * <p>{@code policy} is one of frozen, update, lire, ada-ivf (the default), quake, rebuild; each option is
 * {@code name=value}, validated against the policy (an unknown name or a bad value changes nothing and fails with
 * 22023, listing what the policy accepts). Two options belong to the column rather than the policy:
 * {@code delta_size=N} (a delta store of N recent inserts every query scans, 0 = none) and {@code column=name} (set
 * only that vector column; without it every vector column of the table). Settings are kept in the catalog and
 * survive a restart; the next maintenance pass uses them, and {@code CALL quiver.reindex} runs one at once.
 */
public final class SetMaintenanceProcedure {

  /** Most options one call may give. */
  static final int MAX_OPTIONS = 16;

  /** The procedure. */
  public static final Procedure DEFINITION = Procedure.builder("set_maintenance", SetMaintenanceProcedure.class)
      .parameter("table_name", SqlTypeName.VARCHAR)
      .parameter("policy", SqlTypeName.VARCHAR)
      .optionalTail("option", SqlTypeName.VARCHAR, MAX_OPTIONS)
      .column("table_name", SqlTypeName.VARCHAR)
      .column("column_name", SqlTypeName.VARCHAR)
      .column("policy", SqlTypeName.VARCHAR)
      .column("options", SqlTypeName.VARCHAR)
      .build();

  private SetMaintenanceProcedure() {}

  /** The body. */
  public static List<Object[]> call(DataContext root, ProcedureArguments arguments) {
    String procedure = arguments.procedure();
    var database = QuiverProcedures.session(root, arguments).database();
    String table = arguments.text("table_name");
    String policy = arguments.text("policy");
    String column = null;
    List<String> options = new ArrayList<>();
    for (String option : arguments.tail("option")) {
      String name = option.contains("=") ? option.substring(0, option.indexOf('=')).trim() : option.trim();
      if (name.toLowerCase(Locale.ROOT).equals("column")) {
        column = option.substring(option.indexOf('=') + 1).trim();
      } else {
        options.add(option);
      }
    }
    List<VectorColumnTarget> targets = column == null ? VectorColumnTarget.allOf(database, procedure, table)
        : List.of(VectorColumnTarget.of(database, procedure, table, column));
    MaintenanceSettings settings;
    try {
      settings = MaintenanceSettings.parse(policy, options);
    } catch (IllegalArgumentException e) {
      throw new SqlUserError("22023", procedure + " on " + targets.get(0).tableName() + ": " + e.getMessage()
          + "; nothing was changed", e);
    }
    List<Object[]> rows = new ArrayList<>();
    for (VectorColumnTarget target : targets) {
      try {
        target.table().setMaintenance(target.ordinal(), settings);
      } catch (SQLException e) {
        throw new SqlUserError("58030", procedure + ": could not record the settings of " + target.tableName() + "."
            + target.columnName() + " (" + e.getMessage() + "); nothing was changed for it", e);
      }
      rows.add(new Object[] {target.tableName(), target.columnName(), settings.policy(),
          String.join(", ", settings.options())});
    }
    return rows;
  }
}
