<#--
  Quiver's grammar additions, included by calcite-core's Parser.jj template
  (see config.fmpp). Only DDL for vector tables, the VECTOR(n) type and CALL
  live here; everything else is Calcite's standard grammar.

  Actions must stay within the Java that JavaCC 4.0 (the version Calcite uses)
  can read: Java 5 syntax, so no lambdas, diamonds or switch expressions.
-->

/** Parses an optional IF NOT EXISTS. IF is non-reserved, so a table named "if" must still parse. */
boolean QuiverIfNotExists() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** Parses an optional IF EXISTS. */
boolean QuiverIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/**
 * Parses VECTOR(n). Reached only through TypeName's LOOKAHEAD(2), so a bare
 * "vector" (column, table or user type) and vector(...) calls in expressions
 * are untouched.
 */
SqlTypeNameSpec QuiverVectorTypeName() :
{
    final Span s;
    final int dimension;
}
{
    <VECTOR> { s = span(); }
    <LPAREN>
    dimension = UnsignedIntLiteral() {
        if (dimension < 1) {
            throw SqlUtil.newContextException(getPos(),
                QuiverParserResource.INSTANCE.vectorDimensionNotPositive(String.valueOf(dimension)));
        }
    }
    <RPAREN> {
        return new SqlVectorTypeNameSpec(dimension, s.end(this));
    }
}

/**
 * Parses the rest of CREATE TABLE [IF NOT EXISTS] name, in one of three shapes:
 * (element, ...), (column, ...) AS query, or AS query.
 */
SqlCreate QuiverCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columnList = null;
    SqlNode query = null;
}
{
    <TABLE> {
        if (replace) {
            // Calcite's CREATE rule accepts OR REPLACE for every object kind; tables do not support it.
            throw SqlUtil.newContextException(s.end(this),
                QuiverParserResource.INSTANCE.createOrReplaceTableNotSupported());
        }
    }
    ifNotExists = QuiverIfNotExists()
    name = CompoundIdentifier()
    (
        // A parenthesised list of bare names is a CTAS column list only when AS follows;
        // otherwise each element must be a full definition.
        LOOKAHEAD(ParenthesizedSimpleIdentifierList() <AS>)
        columnList = ParenthesizedSimpleIdentifierList()
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    |
        columnList = QuiverTableElementList()
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return new SqlCreateTable(s.end(this), ifNotExists, name, columnList, query);
    }
}

/** Parses ( element [, element]* ) where an element is a column definition or a table constraint. */
SqlNodeList QuiverTableElementList() :
{
    final Span s;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    SqlNode element;
}
{
    <LPAREN> { s = span(); }
    element = QuiverTableElement() { elements.add(element); }
    (
        <COMMA> element = QuiverTableElement() { elements.add(element); }
    )*
    <RPAREN> {
        return new SqlNodeList(elements, s.end(this));
    }
}

SqlNode QuiverTableElement() :
{
    final SqlNode element;
}
{
    (
        element = QuiverPrimaryKeyConstraint()
    |
        element = QuiverColumnDefinition()
    )
    { return element; }
}

/** Parses a table-level PRIMARY KEY (col [, col]*). */
SqlPrimaryKeyConstraint QuiverPrimaryKeyConstraint() :
{
    final Span s;
    final SqlNodeList columns;
}
{
    <PRIMARY> { s = span(); } <KEY>
    columns = ParenthesizedSimpleIdentifierList() {
        return new SqlPrimaryKeyConstraint(s.end(this), columns);
    }
}

/**
 * Parses colname type [NOT NULL | NULL] [PRIMARY KEY] [METRIC identifier].
 * METRIC is accepted after any type; whether it fits the type is the executor's call.
 */
SqlColumnDefinition QuiverColumnDefinition() :
{
    final Span s;
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean notNull = false;
    boolean explicitNull = false;
    boolean primaryKey = false;
    SqlIdentifier metric = null;
}
{
    name = SimpleIdentifier() { s = span(); }
    type = DataType()
    [
        <NOT> <NULL> { notNull = true; }
    |
        <NULL> { explicitNull = true; }
    ]
    [
        <PRIMARY> <KEY> {
            if (explicitNull) {
                throw SqlUtil.newContextException(s.end(this),
                    QuiverParserResource.INSTANCE.nullablePrimaryKeyColumn(name.getSimple()));
            }
            primaryKey = true;
        }
    ]
    [
        <METRIC> metric = SimpleIdentifier()
    ]
    {
        // Nullability is carried on the type spec, as Calcite's own DDL does; a key column is never null.
        return new SqlColumnDefinition(s.end(this), name,
            type.withNullable(!(notNull || primaryKey)), primaryKey,
            metric == null ? null : metric.getSimple().toUpperCase(Locale.ROOT));
    }
}

/** Parses the rest of DROP TABLE [IF EXISTS] name; DROP has no OR REPLACE, so replace is always false. */
SqlDrop QuiverDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    <TABLE> ifExists = QuiverIfExists() name = CompoundIdentifier() {
        return new SqlDropTable(s.end(this), ifExists, name);
    }
}

/** Parses normalize(v) as a call of the user-defined function normalize, although NORMALIZE is reserved. */
SqlNode QuiverNormalizeCall() :
{
    final Span s;
    final SqlNode e;
}
{
    <NORMALIZE> { s = span(); }
    <LPAREN> e = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
        return new org.apache.calcite.sql.SqlUnresolvedFunction(
            new SqlIdentifier("normalize", s.pos()), null, null, null, null,
            org.apache.calcite.sql.SqlFunctionCategory.USER_DEFINED_FUNCTION)
            .createCall(s.end(this), e);
    }
}

/**
 * Parses CALL schema.procedure([argument [, argument]*]) and returns the query that runs the procedure,
 * SELECT * FROM TABLE(schema.procedure(...)), so that it goes through Calcite's query path and returns rows.
 * CallStatement checks the name against Quiver's procedures.
 */
SqlNode QuiverCall() :
{
    final Span s;
    final SqlNode routine;
}
{
    <CALL> { s = span(); }
    routine = NamedRoutineCall(SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION, ExprContext.ACCEPT_SUB_QUERY) {
        return CallStatement.toQuery(routine, s.end(this));
    }
}
