package dev.quiver.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The procedure binding on a plain Calcite connection: optional arguments and a variadic tail, absent kept apart
 * from NULL, {@code ?} parameters, and a body that runs when the statement executes, not when it is prepared.
 */
public class ProcedureTest {

  /** Calls of {@link Echo#call}, to show that preparing a statement does not run the body. */
  private static final AtomicInteger CALLS = new AtomicInteger();

  /** A procedure that returns what it was given: label, count (−1 when absent) and its options joined. */
  public static final class Echo {
    static final Procedure DEFINITION = Procedure.builder("echo", Echo.class)
        .parameter("label", SqlTypeName.VARCHAR)
        .optional("count", SqlTypeName.INTEGER)
        .optionalTail("option", SqlTypeName.VARCHAR, 3)
        .column("label", SqlTypeName.VARCHAR)
        .column("count", SqlTypeName.INTEGER)
        .nullableColumn("options", SqlTypeName.VARCHAR)
        .build();

    /** The body. */
    public static List<Object[]> call(DataContext root, ProcedureArguments arguments) {
      CALLS.incrementAndGet();
      List<String> options = arguments.tail("option");
      return List.<Object[]>of(new Object[] {arguments.text("label"), arguments.integer("count", -1),
          options.isEmpty() ? null : String.join(";", options)});
    }
  }

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:calcite:lex=JAVA");
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus schema = root.add("p", new AbstractSchema());
    schema.add("echo", Echo.DEFINITION.function("p"));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private List<List<Object>> query(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<List<Object>> result = new ArrayList<>();
        while (rows.next()) {
          result.add(java.util.Arrays.asList(rows.getObject(1), rows.getObject(2), rows.getObject(3)));
        }
        return result;
      }
    }
  }

  @Test
  void optionalArgumentsAndTheTailMayBeLeftOut() throws SQLException {
    assertEquals(List.of(java.util.Arrays.asList("a", -1, null)), query("SELECT * FROM TABLE(p.echo('a'))"));
    assertEquals(List.of(java.util.Arrays.asList("a", 2, null)), query("SELECT * FROM TABLE(p.echo('a', 2))"));
    assertEquals(List.of(List.of("a", 2, "tau_f=0.1;tau_s=0.2")),
        query("SELECT * FROM TABLE(p.echo('a', 2, 'tau_f=0.1', 'tau_s=0.2'))"));
  }

  @Test
  void anExplicitNullIsAnErrorNamingTheParameter() {
    SQLException e = assertThrows(SQLException.class, () -> query("SELECT * FROM TABLE(p.echo('a', NULL))"));
    SqlUserError error = cause(e);
    assertEquals("22004", error.sqlState());
    assertEquals("p.echo: argument count is NULL; give a value, or leave the argument out for its default",
        error.getMessage());
    SqlUserError label = cause(assertThrows(SQLException.class,
        () -> query("SELECT * FROM TABLE(p.echo(CAST(NULL AS VARCHAR)))")));
    assertEquals("p.echo: argument label is NULL; give a value", label.getMessage());
  }

  @Test
  void parametersAreTypedByTheProcedure() throws SQLException {
    assertEquals(List.of(List.of("b", 7, "x=1")), query("SELECT * FROM TABLE(p.echo(?, ?, ?))", "b", 7, "x=1"));
  }

  @Test
  void theBodyRunsOnEachExecutionAndNotWhenPrepared() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM TABLE(p.echo('a', 1))")) {
      int before = CALLS.get();
      assertEquals(before, CALLS.get(), "preparing ran the body");
      statement.executeQuery().close();
      statement.executeQuery().close();
      assertEquals(before + 2, CALLS.get());
    }
  }

  @Test
  void signatureShowsOptionalArgumentsAndTheTail() {
    assertEquals("p.echo(label VARCHAR [, count INTEGER [, option VARCHAR, …]])", Echo.DEFINITION.signature("p"));
  }

  @Test
  void definitionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Procedure.builder("Echo", Echo.class)
        .column("x", SqlTypeName.INTEGER).build());
    assertThrows(IllegalArgumentException.class, () -> Procedure.builder("echo", Echo.class)
        .optional("a", SqlTypeName.INTEGER).parameter("b", SqlTypeName.INTEGER).column("x", SqlTypeName.INTEGER)
        .build());
    assertThrows(IllegalArgumentException.class, () -> Procedure.builder("echo", String.class)
        .column("x", SqlTypeName.INTEGER).build());
  }

  private static SqlUserError cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SqlUserError error) {
        return error;
      }
    }
    throw new AssertionError("no SqlUserError in the cause chain", failure);
  }

  @Test
  void absentIsNotNull() {
    ProcedureArguments arguments = new ProcedureArguments("p.echo", new String[] {"label", "count"},
        new Object[] {"a", ProcedureArguments.ABSENT});
    assertTrue(!arguments.present("count"));
    assertEquals(5, arguments.integer("count", 5));
    assertThrows(IllegalArgumentException.class, () -> arguments.text("nope"));
  }
}
