package dev.quiver.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every Quidem script in {@code src/test/resources/sql} against Quiver and fails when a script's output
 * differs from the script itself.
 *
 * <p>Each script gets a fresh, private database: its {@code !use quiver} opens {@code jdbc:quiver:mem:<unique>}.
 * The actual output goes to {@code target/sql-examples/<name>.iq}; when a script changes on purpose, check that
 * file and copy it over the script.
 *
 * <p>Quidem's {@code !error} matches a substring of the exception's stack trace, which carries the message but not
 * the SQLSTATE; {@link #errorsCarryTheirSqlState} checks the SQLSTATEs that {@code errors.iq} and
 * {@code maintenance.iq} state in their comments.
 */
class SqlExamplesTest {

  /** The connection name the scripts use ({@code !use quiver}). */
  private static final String CONNECTION = "quiver";

  /** The scripts whose errors' SQLSTATEs {@link #errorsCarryTheirSqlState} checks. */
  static Stream<String> errorScripts() {
    return Stream.of("errors.iq", "maintenance.iq");
  }

  /** A comment naming the SQLSTATE of the errors below it: {@code # 22000: a vector of the wrong dimension}. */
  private static final Pattern SQLSTATE_COMMENT = Pattern.compile("# ([0-9A-Z]{5}): .*");

  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** The scripts, by file name. */
  static Stream<String> scripts() throws IOException {
    try (Stream<Path> files = Files.list(scriptDirectory())) {
      List<String> names = files.map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".iq"))
          .sorted()
          .toList();
      assertFalse(names.isEmpty(), "no .iq scripts in " + scriptDirectory());
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void script(String name) throws Exception {
    Path script = scriptDirectory().resolve(name);
    Path actual = outputDirectory().resolve(name);
    Files.createDirectories(actual.getParent());
    String database = "sqlexamples_" + name.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
    try (Reader reader = Files.newBufferedReader(script, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(actual, StandardCharsets.UTF_8)) {
      Quidem.ConnectionFactory factory = (connectionName, reference) -> {
        if (!CONNECTION.equals(connectionName)) {
          throw new IllegalArgumentException("unknown connection '" + connectionName + "'; scripts use !use "
              + CONNECTION);
        }
        // No reference database: the scripts state their expected output, they never use !verify.
        return reference ? null : DriverManager.getConnection("jdbc:quiver:mem:" + database);
      };
      new Quidem(Quidem.configBuilder()
          .withReader(reader)
          .withWriter(writer)
          .withConnectionFactory(factory)
          .build())
          .execute();
    }
    List<String> expected = Files.readAllLines(script, StandardCharsets.UTF_8);
    List<String> got = Files.readAllLines(actual, StandardCharsets.UTF_8);
    if (!expected.equals(got)) {
      fail("output of " + name + " differs from the script (actual output: " + actual + ")\n"
          + UnifiedDiff.of("sql/" + name, actual.toString(), expected, got));
    }
  }

  /**
   * The SQLSTATE of every error a script of {@link #errorScripts} shows. Quidem's {@code !error} can only match the
   * message, so this runs the script's statements in order on a fresh database and checks that each statement
   * followed by {@code !error} fails with the SQLSTATE its comment gives as {@code # 22000: ...} (statements with no
   * comment between them share the one above).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("errorScripts")
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void errorsCarryTheirSqlState(String script) throws Exception {
    List<String> lines = Files.readAllLines(scriptDirectory().resolve(script), StandardCharsets.UTF_8);
    List<Executable> checks = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection("jdbc:quiver:mem:sqlstate_" + DATABASES.incrementAndGet());
        Statement statement = connection.createStatement()) {
      String sqlState = null; // from the last comment block; statements with no comment between them share it
      boolean inComment = false;
      StringBuilder sql = new StringBuilder();
      String pending = null; // a complete statement waiting for its command (!ok, !update, !error, ...)
      for (String line : lines) {
        if (pending == null && sql.isEmpty()) {
          if (line.startsWith("#")) {
            if (!inComment) {
              sqlState = null;
              inComment = true;
            }
            Matcher comment = SQLSTATE_COMMENT.matcher(line);
            if (comment.matches()) {
              sqlState = comment.group(1);
            }
            continue;
          }
          if (line.isEmpty()) {
            continue;
          }
          inComment = false;
          if (line.startsWith("!")) {
            continue;
          }
        }
        if (pending == null) {
          sql.append(line).append('\n');
          if (line.endsWith(";")) {
            pending = sql.substring(0, sql.lastIndexOf(";"));
            sql.setLength(0);
          }
        } else if (line.startsWith("!")) {
          if (line.startsWith("!error")) {
            checks.add(sqlStateCheck(statement, pending, sqlState));
          } else {
            run(statement, pending);
          }
          pending = null;
        }
      }
      assertFalse(checks.isEmpty(), "no !error statements in " + script);
      assertAll(checks);
    }
  }

  /** Runs {@code sql}, which must fail with {@code expected}; returns the check of its SQLSTATE. */
  private static Executable sqlStateCheck(Statement statement, String sql, String expected) {
    String statementText = sql.strip().replaceAll("\\s+", " ");
    if (expected == null) {
      return () -> fail("no '# <SQLSTATE>: ...' comment above the failing statement " + statementText);
    }
    try {
      run(statement, sql);
    } catch (SQLException e) {
      String actual = e.getSQLState();
      return () -> assertEquals(expected, actual, () -> "SQLSTATE of " + statementText + " (" + e.getMessage() + ")");
    }
    return () -> fail("expected " + statementText + " to fail with SQLSTATE " + expected + ", but it succeeded");
  }

  /** Executes {@code sql} and reads any rows it returns, so errors raised while fetching surface too. */
  private static void run(Statement statement, String sql) throws SQLException {
    if (statement.execute(sql)) {
      try (ResultSet rows = statement.getResultSet()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          for (int i = 1; i <= columns; i++) {
            rows.getObject(i);
          }
        }
      }
    }
  }

  private static Path scriptDirectory() {
    URL url = SqlExamplesTest.class.getResource("/sql");
    if (url == null) {
      throw new IllegalStateException("the sql/ scripts are not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code target/sql-examples}: the test classes live in {@code target/test-classes}. */
  private static Path outputDirectory() {
    return scriptDirectory().getParent().getParent().resolve("sql-examples");
  }
}
