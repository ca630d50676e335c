package dev.quiver.adapter.jdbc;

import dev.quiver.adapter.SearchOptions;
import dev.quiver.functions.SqlUserError;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The connection properties a Quiver URL or {@link Properties} may carry, and the fixed Calcite settings every Quiver
 * connection uses. Users may set only the whitelisted ones; Calcite's own properties (model, schema factories,
 * parser, function libraries…) are fixed, so that every connection parses and plans the same, safe way.
 */
final class ConnectionProperties {

  /** Properties users may set: the search options, and credentials (accepted for tools that always send them). */
  static final Set<String> ALLOWED = Set.of("vector_search.recall", "vector_search.nprobe", "user", "password");

  private ConnectionProperties() {}

  /**
   * Checks the user's properties and returns the search options they set.
   *
   * @throws SqlUserError 08001 naming a property that is not allowed
   */
  static SearchOptions searchOptions(Properties user) {
    SearchOptions options = SearchOptions.NONE;
    for (String name : user.stringPropertyNames()) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!ALLOWED.contains(key)) {
        throw new SqlUserError("08001", "connection property '" + name + "' is not supported; Quiver accepts "
            + "vector_search.recall and vector_search.nprobe (and ignores user and password)");
      }
      if (key.startsWith("vector_search.")) {
        options = options.with("connection property " + name, key.substring("vector_search.".length()),
            user.getProperty(name));
      }
    }
    return options;
  }

  /** The Calcite properties of a Quiver connection. */
  static Properties calcite() {
    Properties properties = new Properties();
    properties.setProperty("parserFactory", "dev.quiver.adapter.ddl.QuiverDdlExecutor#PARSER_FACTORY");
    // Identifiers as in PostgreSQL, whose users pgvector serves: unquoted fold to lower case, matched without case.
    properties.setProperty("unquotedCasing", "TO_LOWER");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("quoting", "DOUBLE_QUOTE");
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("schema", "public");
    return properties;
  }
}
