/**
 * What SQL can call: distance and vector functions, {@code embed}, and the procedures (reindex, rebuild, model
 * versions), as thin bindings onto the engine's API. Filled by the SQL-layer issue.
 */
package dev.quiver.functions;
