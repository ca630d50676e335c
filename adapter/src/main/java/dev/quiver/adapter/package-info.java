/**
 * The Calcite side of Quiver: the {@code jdbc:quiver:} driver, the schema factory, vector tables, DDL and DML, the
 * H2-backed catalog and row store, the planner rules and the vector-search operator. Filled by the SQL-layer issue.
 */
package dev.quiver.adapter;
