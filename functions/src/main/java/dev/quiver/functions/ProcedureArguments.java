package dev.quiver.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one procedure call, by parameter name, as the body reads them: typed, with a NULL reported as
 * the user's mistake (SQLSTATE 22004, naming the procedure and the parameter) and an optional argument the call
 * left out kept apart from an explicit NULL.
 */
public final class ProcedureArguments {

  /**
   * Stands for an optional argument the call left out. Calcite passes {@code DEFAULT} for it, which would otherwise
   * arrive as NULL; the binding passes this instead, so that {@code rebuild('docs', NULL)} is an error while
   * {@code rebuild('docs')} takes the default.
   */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "ABSENT";
    }
  };

  private final String procedure;
  private final List<String> names;
  private final Object[] values;

  /**
   * Arguments of {@code procedure} (its qualified name, for messages) for the parameters SQL sees, in order; values
   * of absent arguments are {@link #ABSENT}. Called by the code Calcite generates for a call.
   */
  public ProcedureArguments(String procedure, String[] names, Object[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("values: expected " + names.length + " for " + procedure + ", got "
          + values.length);
    }
    this.procedure = procedure;
    this.names = List.of(names);
    this.values = values.clone();
  }

  /** The procedure's qualified name, e.g. {@code quiver.rebuild}, for messages. */
  public String procedure() {
    return procedure;
  }

  /** Whether the call gave the argument (NULL counts as given). */
  public boolean present(String name) {
    return values[index(name)] != ABSENT;
  }

  /**
   * A required text argument.
   *
   * @throws SqlUserError 22004 if it is NULL
   */
  public String text(String name) {
    return String.valueOf(value(name, false));
  }

  /**
   * An optional text argument, or {@code whenAbsent} if the call left it out.
   *
   * @throws SqlUserError 22004 if it is NULL
   */
  public String text(String name, String whenAbsent) {
    return present(name) ? String.valueOf(value(name, true)) : whenAbsent;
  }

  /**
   * A required integer argument.
   *
   * @throws SqlUserError 22004 if it is NULL
   */
  public int integer(String name) {
    return toInteger(name, value(name, false));
  }

  /**
   * An optional integer argument, or {@code whenAbsent} if the call left it out.
   *
   * @throws SqlUserError 22004 if it is NULL
   */
  public int integer(String name, int whenAbsent) {
    return present(name) ? toInteger(name, value(name, true)) : whenAbsent;
  }

  private int toInteger(String name, Object value) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw new SqlUserError("22023", procedure + ": argument " + name + " is '" + value + "', not an integer; give a"
        + " whole number");
  }

  /**
   * The text arguments the call gave for the tail {@code name} ({@link Procedure.Builder#optionalTail}), in order.
   *
   * @throws SqlUserError 22004 if one of them is NULL
   */
  public List<String> tail(String name) {
    List<String> given = new ArrayList<>();
    for (int i = 1; names.contains(name + "_" + i); i++) {
      String parameter = name + "_" + i;
      if (present(parameter)) {
        given.add(String.valueOf(value(parameter, true)));
      }
    }
    if (given.isEmpty() && !names.contains(name + "_1")) {
      throw new IllegalArgumentException("name: " + procedure + " has no tail " + name + "; its parameters are "
          + names);
    }
    return given;
  }

  private Object value(String name, boolean optional) {
    Object value = values[index(name)];
    if (value == null) {
      throw new SqlUserError("22004", procedure + ": argument " + name + " is NULL; give a value"
          + (optional ? ", or leave the argument out for its default" : ""));
    }
    if (value == ABSENT) {
      throw new IllegalStateException(procedure + ": argument " + name + " is absent; read optional arguments"
          + " with a default");
    }
    return value;
  }

  private int index(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("name: " + procedure + " has no parameter " + name + "; its parameters"
          + " are " + names);
    }
    return index;
  }
}
