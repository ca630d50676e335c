package dev.quiver.adapter.jdbc;

import dev.quiver.adapter.QuiverDatabase;
import dev.quiver.adapter.QuiverSchema;
import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.SearchOptions;
import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.functions.SqlUserError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * JDBC driver for {@code jdbc:quiver:<location>[;name=value]*}: Calcite's driver with Quiver's prepare (its parser
 * with DDL and VECTOR, its planner rules, hints), fixed safe settings, and two schemas mounted — {@code public}
 * (the default; user tables) and {@code quiver} (system tables).
 *
 * <p>Locations: a directory ({@code jdbc:quiver:./data}), {@code mem:} (private, in memory) or {@code mem:name}
 * (in memory, shared by name within the JVM while open).
 */
public class QuiverDriver extends Driver {

  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:quiver:";

  /** The property carrying the location from {@link #connect} to the connection's initialisation. */
  private static final String LOCATION = "quiver.location";
  private static final String SEARCH_RECALL = "quiver.recall";
  private static final String SEARCH_NPROBE = "quiver.nprobe";

  static {
    new QuiverDriver().register();
  }

  /** Creates the driver; {@link java.sql.DriverManager} finds it through the service loader. */
  public QuiverDriver() {
    super();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Quiver JDBC Driver", "0.1.0", "Quiver", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override
  public CalcitePrepare createPrepare() {
    return new QuiverPrepare();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    try {
      String[] parts = url.substring(PREFIX.length()).split(";");
      String location = parts[0].strip();
      if (location.isEmpty()) {
        throw new SqlUserError("08001", "the URL " + url + " names no database; use jdbc:quiver:<directory> or"
            + " jdbc:quiver:mem:");
      }
      Properties user = new Properties();
      if (info != null) {
        user.putAll(info);
      }
      for (int i = 1; i < parts.length; i++) {
        String[] pair = parts[i].split("=", 2);
        if (!parts[i].isBlank()) {
          user.setProperty(pair[0].strip(), pair.length > 1 ? pair[1].strip() : "");
        }
      }
      SearchOptions options = ConnectionProperties.searchOptions(user);
      Properties properties = ConnectionProperties.calcite();
      properties.setProperty(LOCATION, location);
      if (options.recall() != null) {
        properties.setProperty(SEARCH_RECALL, options.recall().toString());
      }
      if (options.nprobe() != null) {
        properties.setProperty(SEARCH_NPROBE, options.nprobe().toString());
      }
      return JdbcProxies.connection(super.connect(PREFIX, properties));
    } catch (SqlUserError e) {
      throw e.toSqlException();
    }
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new Handler() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
        mount(connection);
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        QuiverSession session = session(connection);
        if (session != null) {
          try {
            session.database().release();
          } catch (SQLException e) {
            throw new IllegalStateException("closing " + session.database().location() + " failed", e);
          }
        }
      }

      @Override
      public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        calcite.onStatementExecute(statement, resultSink);
      }

      @Override
      public void onStatementClose(AvaticaStatement statement) {
        calcite.onStatementClose(statement);
      }
    };
  }

  private static void mount(AvaticaConnection connection) throws SQLException {
    Properties properties = connection.unwrap(CalciteConnection.class).getProperties();
    SearchOptions options = new SearchOptions(
        properties.getProperty(SEARCH_RECALL) == null ? null
            : Double.valueOf(properties.getProperty(SEARCH_RECALL)),
        properties.getProperty(SEARCH_NPROBE) == null ? null
            : Integer.valueOf(properties.getProperty(SEARCH_NPROBE)));
    QuiverDatabase database;
    try {
      database = QuiverDatabase.open(properties.getProperty(LOCATION));
    } catch (SqlUserError e) {
      throw e.toSqlException();
    }
    QuiverSession session = new QuiverSession(database, options);
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    SchemaPlus tables = root.add("public", new QuiverSchema(database));
    tables.setCacheEnabled(false); // the schema brings the vector functions itself
    root.add(SystemSchema.NAME, new SystemSchema(session)).setCacheEnabled(false);
    connection.setSchema("public");
  }

  /** The session of a Quiver connection, or null for another kind. */
  static QuiverSession session(AvaticaConnection connection) {
    try {
      return SystemSchema.sessionOf(connection.unwrap(CalciteConnection.class).getRootSchema());
    } catch (SQLException e) {
      return null;
    }
  }
}
