/**
 * Quiver's SQL parser: {@code QuiverSqlParserImpl}, generated at build time from calcite-core's Parser.jj template
 * with the grammar in {@code src/main/codegen} (CREATE TABLE and DROP TABLE for vector tables, and the
 * {@code VECTOR(n)} type), on top of all of Calcite's standard SQL. Use it through
 * {@code SqlParser.config().withParserFactory(QuiverSqlParserImpl.FACTORY)}.
 */
package dev.quiver.adapter.parser;
