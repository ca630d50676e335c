/**
 * The procedures of the {@code quiver} schema, which {@code CALL quiver.name(…)} runs: the registry
 * ({@link dev.quiver.adapter.procedure.QuiverProcedures}), the rewrite of {@code CALL} into a query
 * ({@link dev.quiver.adapter.procedure.CallStatement}), and one class per procedure holding its definition and body.
 * The binding to Calcite lives in the functions module ({@link dev.quiver.functions.Procedure}).
 */
package dev.quiver.adapter.procedure;
