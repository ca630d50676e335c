package dev.quiver.adapter.procedure;

import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.functions.Procedure;
import dev.quiver.functions.ProcedureArguments;
import dev.quiver.functions.SqlUserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * The procedures {@code CALL} can run, all in schema {@code quiver}. To add one, write a class with a
 * {@code DEFINITION} ({@link Procedure#builder}) and a {@code public static List<Object[]> call(DataContext,
 * ProcedureArguments)} body, as {@link RebuildProcedure} does, and list it in {@link #ALL}.
 */
public final class QuiverProcedures {

  /** The procedures, by name. */
  private static final Map<String, Procedure> ALL = byName(List.of(
      ReindexProcedure.DEFINITION,
      RebuildProcedure.DEFINITION,
      SetMaintenanceProcedure.DEFINITION,
      CheckRecallProcedure.DEFINITION));

  private QuiverProcedures() {}

  private static Map<String, Procedure> byName(List<Procedure> procedures) {
    Map<String, Procedure> map = new LinkedHashMap<>();
    for (Procedure procedure : procedures) {
      if (map.put(procedure.name(), procedure) != null) {
        throw new IllegalStateException("two procedures are named " + procedure.name());
      }
    }
    return map;
  }

  /** Every procedure, in the order they are listed. */
  public static List<Procedure> all() {
    return List.copyOf(ALL.values());
  }

  /** The procedure of this name (case-insensitive), or null. */
  public static Procedure find(String name) {
    return ALL.get(name.toLowerCase(Locale.ROOT));
  }

  /** How each procedure is called, for messages: {@code quiver.rebuild(table_name VARCHAR [, nlist INTEGER]), …}. */
  public static String signatures() {
    return ALL.values().stream().map(p -> p.signature(SystemSchema.NAME)).collect(Collectors.joining(", "));
  }

  /**
   * The session of the connection a procedure runs in.
   *
   * @throws SqlUserError 0A000 if the statement does not run on a {@code jdbc:quiver:} connection
   */
  static QuiverSession session(DataContext root, ProcedureArguments arguments) {
    QuiverSession session = SystemSchema.sessionOf(root.getRootSchema());
    if (session == null) {
      throw new SqlUserError("0A000", arguments.procedure() + " needs a jdbc:quiver: connection; this connection"
          + " has no quiver schema");
    }
    return session;
  }
}
