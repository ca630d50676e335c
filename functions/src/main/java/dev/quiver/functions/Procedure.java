package dev.quiver.functions;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A procedure SQL can {@code CALL}: its name, its parameters, the columns of the rows it returns, and its body, the
 * public static method {@code call(DataContext, ProcedureArguments)} of the class that defines it, which returns
 * those rows as a {@code List<Object[]>}.
 *
 * <p>Calcite sees a procedure as a table function ({@link #function}), so {@code CALL s.p(…)} and
 * {@code SELECT * FROM TABLE(s.p(…))} run it alike. The body runs each time the statement executes, never while it
 * is prepared (Calcite's reflective table functions would call it during validation to learn the row type; this
 * binding states the row type instead).
 *
 * <p>Optional parameters follow the required ones; an optional argument the call leaves out reaches the body as
 * absent, which is not the same as an explicit NULL ({@link ProcedureArguments}). A variadic tail, such as a list
 * of {@code 'name=value'} options, is a run of optional parameters ({@link Builder#optionalTail}).
 *
 * @param name SQL name, lower case
 * @param parameters the required parameters, then the optional ones
 * @param columns the result columns, at least one
 * @param body the static method that runs the procedure
 */
public record Procedure(String name, List<Parameter> parameters, List<Column> columns, Method body) {

  /** Validates every field. */
  public Procedure {
    if (name == null || name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("name: must be a non-empty lower-case SQL name, was " + name);
    }
    parameters = List.copyOf(parameters);
    columns = List.copyOf(columns);
    Set<String> names = new HashSet<>();
    boolean optionalSeen = false;
    for (Parameter parameter : parameters) {
      if (!names.add(parameter.name())) {
        throw new IllegalArgumentException("parameters: " + parameter.name() + " appears twice in " + name);
      }
      if (optionalSeen && !parameter.optional()) {
        throw new IllegalArgumentException("parameters: required " + parameter.name() + " follows an optional one"
            + " in " + name);
      }
      optionalSeen |= parameter.optional();
      if (parameter.repeat() > 1 && parameter != parameters.get(parameters.size() - 1)) {
        throw new IllegalArgumentException("parameters: the tail " + parameter.name() + " must come last in " + name);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns: " + name + " must return at least one column");
    }
    if (!Modifier.isStatic(body.getModifiers()) || !Modifier.isPublic(body.getModifiers())
        || body.getReturnType() != List.class || !List.of(body.getParameterTypes())
        .equals(List.of(DataContext.class, ProcedureArguments.class))) {
      throw new IllegalArgumentException("body: " + body + " must be public static List<Object[]>"
          + " call(DataContext, ProcedureArguments)");
    }
  }

  /**
   * One parameter.
   *
   * @param name SQL name, lower case
   * @param type SQL type; arguments are converted to it ({@code VARCHAR} arrives as {@code String}, {@code INTEGER}
   *     as {@code Integer})
   * @param optional whether a call may leave the argument out
   * @param repeat 1 for one argument; more for a variadic tail of up to that many optional arguments, which SQL
   *     sees as parameters {@code name_1 … name_repeat} and the body reads with {@link ProcedureArguments#tail}
   */
  public record Parameter(String name, SqlTypeName type, boolean optional, int repeat) {

    /** Validates every field. */
    public Parameter {
      if (repeat < 1 || (repeat > 1 && !optional)) {
        throw new IllegalArgumentException("repeat: must be 1, or more for an optional tail; was " + repeat
            + " for " + name);
      }
    }

    /** The names SQL sees: the name itself, or {@code name_1 … name_repeat} for a tail. */
    List<String> sqlNames() {
      if (repeat == 1) {
        return List.of(name);
      }
      List<String> names = new ArrayList<>(repeat);
      for (int i = 1; i <= repeat; i++) {
        names.add(name + "_" + i);
      }
      return names;
    }
  }

  /**
   * One result column.
   *
   * @param name SQL name, lower case
   * @param type SQL type; the body returns values in Calcite's representation of it ({@code BIGINT} as
   *     {@code Long}, {@code TIMESTAMP} as {@code Long} milliseconds)
   * @param nullable whether the body may return NULL in it
   */
  public record Column(String name, SqlTypeName type, boolean nullable) {}

  /** A builder for the procedure {@code name} whose body is {@code owner}'s static method {@code call}. */
  public static Builder builder(String name, Class<?> owner) {
    return new Builder(name, owner);
  }

  /**
   * The Calcite table function that runs this procedure; register it under {@link #name()} on the schema named
   * {@code schema} (which messages name it by: {@code quiver.rebuild}).
   */
  public TableFunction function(String schema) {
    return new ProcedureFunction(this, schema);
  }

  /**
   * How the procedure is called, for messages: {@code quiver.rebuild(table VARCHAR [, nlist INTEGER])}; a tail
   * shows as {@code [, option VARCHAR, …]}.
   */
  public String signature(String schema) {
    StringBuilder text = new StringBuilder(schema).append('.').append(name).append('(');
    int optional = 0;
    for (int i = 0; i < parameters.size(); i++) {
      Parameter parameter = parameters.get(i);
      if (parameter.optional()) {
        text.append(i == 0 ? "[" : " [, ");
        optional++;
      } else if (i > 0) {
        text.append(", ");
      }
      text.append(parameter.name()).append(' ').append(parameter.type().getName());
      if (parameter.repeat() > 1) {
        text.append(", …");
      }
    }
    return text.append("]".repeat(optional)).append(')').toString();
  }

  /** Collects a procedure's parameters and columns. */
  public static final class Builder {
    private final String name;
    private final Class<?> owner;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();

    private Builder(String name, Class<?> owner) {
      this.name = name;
      this.owner = owner;
    }

    /** Adds a required parameter. */
    public Builder parameter(String parameter, SqlTypeName type) {
      parameters.add(new Parameter(parameter, type, false, 1));
      return this;
    }

    /** Adds an optional parameter. */
    public Builder optional(String parameter, SqlTypeName type) {
      parameters.add(new Parameter(parameter, type, true, 1));
      return this;
    }

    /**
     * Adds a variadic tail of up to {@code count} optional arguments, such as {@code 'tau_f=0.1', 'tau_s=0.2'}; it
     * must come last. The body reads the arguments given with {@link ProcedureArguments#tail}.
     */
    public Builder optionalTail(String parameter, SqlTypeName type, int count) {
      parameters.add(new Parameter(parameter, type, true, count));
      return this;
    }

    /** Adds a result column that is never NULL. */
    public Builder column(String column, SqlTypeName type) {
      columns.add(new Column(column, type, false));
      return this;
    }

    /** Adds a result column that may be NULL. */
    public Builder nullableColumn(String column, SqlTypeName type) {
      columns.add(new Column(column, type, true));
      return this;
    }

    /** The procedure. */
    public Procedure build() {
      try {
        return new Procedure(name, parameters, columns,
            owner.getMethod("call", DataContext.class, ProcedureArguments.class));
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException("body: " + owner.getName() + " has no public static List<Object[]>"
            + " call(DataContext, ProcedureArguments)", e);
      }
    }
  }
}
