package dev.quiver.adapter.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.adapter.ddl.SqlColumnDefinition;
import dev.quiver.adapter.ddl.SqlCreateTable;
import dev.quiver.adapter.ddl.SqlDropTable;
import dev.quiver.adapter.ddl.SqlPrimaryKeyConstraint;
import dev.quiver.adapter.ddl.SqlVectorTypeNameSpec;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses Quiver's DDL and VECTOR type, and checks that Calcite's standard SQL still parses around them. */
class QuiverSqlParserTest {

  private static final String DOCS_DDL = "CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(200), "
      + "category VARCHAR(40), body VARCHAR, embedding VECTOR(384) METRIC COSINE)";

  private static SqlNode parse(String sql) throws SqlParseException {
    return SqlParser.create(sql, SqlParser.config().withParserFactory(QuiverSqlParserImpl.FACTORY)).parseStmt();
  }

  private static SqlCreateTable parseCreate(String sql) throws SqlParseException {
    return assertInstanceOf(SqlCreateTable.class, parse(sql));
  }

  private static List<SqlColumnDefinition> columns(SqlCreateTable create) {
    SqlNodeList list = present(create.columnList());
    return list.stream().map(e -> assertInstanceOf(SqlColumnDefinition.class, e)).toList();
  }

  /** Asserts that a value is present and returns it. */
  private static <T> T present(@Nullable T value) {
    assertNotNull(value);
    return value;
  }

  private static SqlParseException parseError(String sql) {
    return assertThrows(SqlParseException.class, () -> parse(sql));
  }

  private static List<String> names(SqlNodeList list) {
    return list.stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
  }

  // --- CREATE TABLE with column definitions ---

  @Test
  void issueExampleParsesToFiveColumns() throws SqlParseException {
    SqlCreateTable create = parseCreate(DOCS_DDL);
    assertEquals(SqlKind.CREATE_TABLE, create.getKind());
    assertEquals("DOCS", create.name().getSimple());
    assertFalse(create.ifNotExists());
    assertNull(create.query());

    List<SqlColumnDefinition> columns = columns(create);
    assertEquals(List.of("ID", "TITLE", "CATEGORY", "BODY", "EMBEDDING"),
        columns.stream().map(c -> c.name().getSimple()).toList());

    SqlColumnDefinition id = columns.get(0);
    assertTrue(id.primaryKey());
    assertFalse(id.nullable(), "a key column is NOT NULL");
    assertEquals(Boolean.FALSE, id.dataType().getNullable());
    assertEquals(SqlTypeName.BIGINT, basicType(id));
    assertNull(id.metric());

    SqlColumnDefinition title = columns.get(1);
    assertFalse(title.primaryKey());
    assertTrue(title.nullable());
    assertEquals(SqlTypeName.VARCHAR, basicType(title));
    assertEquals(200, ((SqlBasicTypeNameSpec) title.dataType().getTypeNameSpec()).getPrecision());
    assertEquals(SqlTypeName.VARCHAR, basicType(columns.get(3)));

    SqlColumnDefinition embedding = columns.get(4);
    SqlVectorTypeNameSpec vector =
        assertInstanceOf(SqlVectorTypeNameSpec.class, embedding.dataType().getTypeNameSpec());
    assertEquals(384, vector.dimension());
    assertEquals("COSINE", embedding.metric());
    assertFalse(embedding.primaryKey());
    assertTrue(embedding.nullable());
  }

  private static SqlTypeName basicType(SqlColumnDefinition column) {
    SqlBasicTypeNameSpec spec = assertInstanceOf(SqlBasicTypeNameSpec.class, column.dataType().getTypeNameSpec());
    return SqlTypeName.get(spec.getTypeName().getSimple());
  }

  @Test
  void metricIsOptionalAndUpperCased() throws SqlParseException {
    List<SqlColumnDefinition> columns =
        columns(parseCreate("create table t (a vector(3), b vector(3) metric l2, c vector(3) METRIC ip, "
            + "d VECTOR(3) METRIC \"cosine\")"));
    assertNull(columns.get(0).metric());
    assertEquals("L2", columns.get(1).metric());
    assertEquals("IP", columns.get(2).metric());
    assertEquals("COSINE", columns.get(3).metric());
  }

  @Test
  void metricIsAcceptedAfterAnyTypeForTheExecutorToCheck() throws SqlParseException {
    assertEquals("L2", columns(parseCreate("CREATE TABLE t (x INTEGER METRIC L2)")).get(0).metric());
  }

  @Test
  void nullabilityIsCarriedOnTheType() throws SqlParseException {
    List<SqlColumnDefinition> columns =
        columns(parseCreate("CREATE TABLE t (a INT NOT NULL, b INT NULL, c INT, d INT NOT NULL PRIMARY KEY, "
            + "e VECTOR(2) NOT NULL METRIC L2)"));
    assertEquals(List.of(false, true, true, false, false),
        columns.stream().map(SqlColumnDefinition::nullable).toList());
    assertEquals(List.of(false, false, false, true, false),
        columns.stream().map(SqlColumnDefinition::primaryKey).toList());
    assertEquals("L2", columns.get(4).metric());
  }

  @Test
  void nullPrimaryKeyColumnIsRejected() {
    SqlParseException e = parseError("CREATE TABLE t (id INT NULL PRIMARY KEY)");
    assertEquals("Column ID cannot be both NULL and PRIMARY KEY; remove NULL", e.getMessage());
    assertEquals(1, e.getPos().getLineNum());
    assertEquals(17, e.getPos().getColumnNum());
  }

  @Test
  void tableLevelPrimaryKey() throws SqlParseException {
    SqlCreateTable create = parseCreate("CREATE TABLE t (a INT, b VARCHAR(10), v VECTOR(8), PRIMARY KEY (a, b))");
    SqlNodeList elements = present(create.columnList());
    assertEquals(4, elements.size());
    SqlPrimaryKeyConstraint key = assertInstanceOf(SqlPrimaryKeyConstraint.class, elements.get(3));
    assertEquals(SqlKind.PRIMARY_KEY, key.getKind());
    assertEquals(List.of("A", "B"), names(key.columns()));
    assertFalse(((SqlColumnDefinition) elements.get(0)).primaryKey());
  }

  @Test
  void ifNotExists() throws SqlParseException {
    SqlCreateTable create = parseCreate("CREATE TABLE IF NOT EXISTS s.t (v VECTOR(4))");
    assertTrue(create.ifNotExists());
    assertEquals(List.of("S", "T"), create.name().names);
  }

  @Test
  void orReplaceIsRejected() {
    SqlParseException e = parseError("CREATE OR REPLACE TABLE t (a INT)");
    assertTrue(e.getMessage().startsWith("CREATE OR REPLACE TABLE is not supported"), e.getMessage());
    assertNotNull(e.getPos());
  }

  @Test
  void columnWithoutTypeIsRejectedOutsideCtas() {
    SqlParseException e = parseError("CREATE TABLE t (a, b)");
    assertEquals(1, e.getPos().getLineNum());
    assertEquals(18, e.getPos().getColumnNum(), e.getMessage());
  }

  @Test
  void createTableNeedsColumnsOrQuery() {
    assertNotNull(parseError("CREATE TABLE t").getPos());
  }

  // --- CREATE TABLE AS ---

  @Test
  void createTableAsQueryWithoutColumnList() throws SqlParseException {
    SqlCreateTable create = parseCreate("CREATE TABLE t2 AS SELECT id, embedding FROM docs WHERE id > 10");
    assertNull(create.columnList());
    assertEquals(SqlKind.SELECT, present(create.query()).getKind());
  }

  @Test
  void createTableAsQueryWithColumnList() throws SqlParseException {
    SqlCreateTable create =
        parseCreate("CREATE TABLE IF NOT EXISTS t2 (k, v) AS SELECT id, embedding FROM docs ORDER BY id");
    assertTrue(create.ifNotExists());
    assertEquals(List.of("K", "V"), names(present(create.columnList())));
    assertEquals(SqlKind.ORDER_BY, present(create.query()).getKind());
  }

  @Test
  void ctasColumnListTakesNamesOnly() {
    assertNotNull(parseError("CREATE TABLE t2 (k INT) AS SELECT 1 FROM docs").getPos());
  }

  // --- DROP TABLE ---

  @Test
  void dropTable() throws SqlParseException {
    SqlDropTable drop = assertInstanceOf(SqlDropTable.class, parse("DROP TABLE docs"));
    assertEquals(SqlKind.DROP_TABLE, drop.getKind());
    assertEquals("DOCS", drop.name().getSimple());
    assertFalse(drop.ifExists());
  }

  @Test
  void dropTableIfExists() throws SqlParseException {
    SqlDropTable drop = assertInstanceOf(SqlDropTable.class, parse("drop table if exists s.docs"));
    assertTrue(drop.ifExists());
    assertEquals(List.of("S", "DOCS"), drop.name().names);
  }

  // --- VECTOR type ---

  @ParameterizedTest
  @ValueSource(strings = {"VECTOR(0)", "VECTOR(x)", "VECTOR(-3)", "VECTOR(2.5)", "VECTOR()"})
  void badVectorDimensionIsAParseErrorWithAPosition(String type) {
    SqlParseException e = parseError("CREATE TABLE t (v " + type + ")");
    assertNotNull(e.getPos(), e.getMessage());
    assertEquals(1, e.getPos().getLineNum());
    // The error points into the parentheses: "CREATE TABLE t (v VECTOR(" is 25 characters.
    assertEquals(26, e.getPos().getColumnNum(), e.getMessage());
  }

  @Test
  void zeroDimensionMessageSaysWhy() {
    SqlParseException e = parseError("SELECT CAST(x AS VECTOR(0)) FROM t");
    assertEquals("VECTOR dimension must be a positive integer, but was 0", e.getMessage());
  }

  @Test
  void vectorTypeInCast() throws SqlParseException {
    SqlSelect select = assertInstanceOf(SqlSelect.class, parse("SELECT CAST(v AS VECTOR(3)) FROM t"));
    SqlCall cast = (SqlCall) select.getSelectList().get(0);
    assertEquals(SqlKind.CAST, cast.getKind());
    SqlDataTypeSpec type = assertInstanceOf(SqlDataTypeSpec.class, cast.operand(1));
    assertEquals(3, assertInstanceOf(SqlVectorTypeNameSpec.class, type.getTypeNameSpec()).dimension());
  }

  @Test
  void vectorTypeDerivesToArrayOfNotNullReal() throws SqlParseException {
    JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
    CalciteCatalogReader catalogReader = new CalciteCatalogReader(CalciteSchema.createRootSchema(false), List.of(),
        typeFactory, CalciteConnectionConfig.DEFAULT);
    SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(), catalogReader,
        typeFactory, SqlValidator.Config.DEFAULT);

    RelDataType type = new SqlVectorTypeNameSpec(5, SqlParserPos.ZERO).deriveType(validator);
    assertEquals(SqlTypeName.ARRAY, type.getSqlTypeName());
    RelDataType component = present(type.getComponentType());
    assertEquals(SqlTypeName.REAL, component.getSqlTypeName());
    assertFalse(component.isNullable());

    // Through the validator, as a CAST target.
    SqlNode validated = validator.validate(parse("SELECT CAST(NULL AS VECTOR(3)) AS v"));
    RelDataType column = validator.getValidatedNodeType(validated).getFieldList().get(0).getType();
    assertEquals(SqlTypeName.ARRAY, column.getSqlTypeName());
    assertEquals(SqlTypeName.REAL, present(column.getComponentType()).getSqlTypeName());
  }

  @Test
  void vectorFunctionCallStillParses() throws SqlParseException {
    SqlSelect select = assertInstanceOf(SqlSelect.class, parse("SELECT vector('[1,2]')"));
    SqlBasicCall call = assertInstanceOf(SqlBasicCall.class, select.getSelectList().get(0));
    assertEquals(SqlKind.OTHER_FUNCTION, call.getKind());
    assertEquals("VECTOR", call.getOperator().getName());
    assertEquals(1, call.operandCount());
  }

  @Test
  void tablesAndColumnsNamedVectorMetricOrIfStillParse() throws SqlParseException {
    SqlSelect select =
        assertInstanceOf(SqlSelect.class, parse("SELECT vector, metric, \"IF\".x FROM metric AS \"IF\" "
            + "JOIN vector ON vector.id = metric.id"));
    assertEquals(3, select.getSelectList().size());
    assertEquals("VECTOR", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());

    List<SqlColumnDefinition> columns =
        columns(parseCreate("CREATE TABLE metric (vector VECTOR(2) METRIC L2, metric VARCHAR, if INT)"));
    assertEquals("METRIC", parseCreate("CREATE TABLE metric (a INT)").name().getSimple());
    assertEquals(List.of("VECTOR", "METRIC", "IF"), columns.stream().map(c -> c.name().getSimple()).toList());
    assertEquals("VECTOR", assertInstanceOf(SqlDropTable.class, parse("DROP TABLE vector")).name().getSimple());
    assertEquals("IF", assertInstanceOf(SqlDropTable.class, parse("DROP TABLE if")).name().getSimple());
  }

  // --- Calcite's standard SQL around the additions ---

  // --- CALL ---

  @Test
  void callBecomesASelectFromTheProceduresTableFunction() throws SqlParseException {
    SqlSelect select = assertInstanceOf(SqlSelect.class, parse("CALL quiver.rebuild('docs', 4)"));
    assertEquals("SELECT *\nFROM TABLE(`QUIVER`.`REBUILD`('docs', 4))", select.toString());
    SqlCall table = assertInstanceOf(SqlCall.class, select.getFrom());
    assertEquals(SqlKind.COLLECTION_TABLE, table.getKind());
    assertEquals("SELECT *\nFROM TABLE(`QUIVER`.`CHECK_RECALL`(?, ?))",
        parse("call Quiver.Check_Recall(?, ?)").toString());
  }

  @Test
  void callNamesAProcedureOfSchemaQuiver() {
    for (String sql : List.of("CALL rebuild('docs')", "CALL quiver.nope('docs')", "CALL public.rebuild('docs')")) {
      SqlParseException e = parseError(sql);
      dev.quiver.functions.SqlUserError error =
          assertInstanceOf(dev.quiver.functions.SqlUserError.class, e.getCause(), sql);
      assertEquals("42883", error.sqlState(), sql);
    }
    assertTrue(parseError("CALL rebuild('docs')").getMessage().contains("write CALL quiver.rebuild(…)"));
  }

  @Test
  void hintStillParses() throws SqlParseException {
    SqlSelect select = assertInstanceOf(SqlSelect.class,
        parse("SELECT /*+ vector_search(recall='0.95') */ * FROM t"));
    assertTrue(select.hasHints());
    assertEquals(1, select.getHints().size());
  }

  @Test
  void setOptionStillParses() throws SqlParseException {
    SqlSetOption set = assertInstanceOf(SqlSetOption.class, parse("SET vector_search.recall = 0.95"));
    assertEquals(List.of("VECTOR_SEARCH", "RECALL"), assertInstanceOf(SqlIdentifier.class, set.name()).names);
    assertEquals("0.95", set.getValue().toString());
    assertInstanceOf(SqlSetOption.class, parse("ALTER SESSION SET vector_search.recall = 0.9"));
  }

  @Test
  void dmlAndExplainStillParse() throws SqlParseException {
    assertInstanceOf(SqlInsert.class, parse("INSERT INTO docs (id, embedding) VALUES (1, vector('[1,2]'))"));
    assertInstanceOf(SqlUpdate.class, parse("UPDATE docs SET title = 'x' WHERE id = 1"));
    assertInstanceOf(SqlDelete.class, parse("DELETE FROM docs WHERE id = 1"));
    assertInstanceOf(SqlExplain.class, parse("EXPLAIN PLAN FOR SELECT * FROM docs"));
  }

  // --- unparse ---

  @ParameterizedTest
  @ValueSource(strings = {
      DOCS_DDL,
      "CREATE TABLE IF NOT EXISTS s.t (a INT NOT NULL, b VARCHAR(10) NULL, v VECTOR(8) NOT NULL METRIC l2, "
          + "PRIMARY KEY (a, b))",
      "CREATE TABLE t (\"metric\" VECTOR(2) METRIC \"cosine\", vector DOUBLE, if INT PRIMARY KEY)",
      "CREATE TABLE t2 (k, v) AS SELECT id, embedding FROM docs WHERE id > 10 ORDER BY id",
      "CREATE TABLE t2 AS SELECT CAST(e AS VECTOR(2)) AS e FROM docs",
      "DROP TABLE docs",
      "DROP TABLE IF EXISTS s.docs",
  })
  void unparseRoundTrips(String sql) throws SqlParseException {
    SqlNode first = parse(sql);
    String unparsed = first.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    SqlNode second = parse(unparsed);
    assertTrue(first.equalsDeep(second, Litmus.THROW), unparsed);
    assertEquals(unparsed, second.toSqlString(CalciteSqlDialect.DEFAULT).getSql());
  }

  @Test
  void unparseWritesTheVectorDdl() throws SqlParseException {
    String unparsed = parse(DOCS_DDL).toSqlString(CalciteSqlDialect.DEFAULT).getSql().replaceAll("\\s+", " ");
    assertEquals("CREATE TABLE \"DOCS\" (\"ID\" BIGINT PRIMARY KEY, \"TITLE\" VARCHAR(200), "
        + "\"CATEGORY\" VARCHAR(40), \"BODY\" VARCHAR, \"EMBEDDING\" VECTOR(384) METRIC \"COSINE\")", unparsed);
  }

  @Test
  void equalsDeepSeesFlagsThatAreNotOperands() throws SqlParseException {
    assertFalse(parse("DROP TABLE t").equalsDeep(parse("DROP TABLE IF EXISTS t"), Litmus.IGNORE));
    assertFalse(parse("CREATE TABLE t (a INT)").equalsDeep(parse("CREATE TABLE IF NOT EXISTS t (a INT)"),
        Litmus.IGNORE));
    assertFalse(parse("CREATE TABLE t (a INT)").equalsDeep(parse("CREATE TABLE t (a INT NOT NULL)"), Litmus.IGNORE));
    assertFalse(parse("CREATE TABLE t (v VECTOR(2) METRIC L2)")
        .equalsDeep(parse("CREATE TABLE t (v VECTOR(2) METRIC IP)"), Litmus.IGNORE));
    assertFalse(parse("CREATE TABLE t (v VECTOR(2))").equalsDeep(parse("CREATE TABLE t (v VECTOR(3))"), Litmus.IGNORE));
  }
}
