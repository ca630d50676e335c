/**
 * Parse trees of Quiver's DDL: {@link dev.quiver.adapter.ddl.SqlCreateTable},
 * {@link dev.quiver.adapter.ddl.SqlDropTable}, their table elements, and the {@code VECTOR(n)} type. They only
 * describe statements; executing them is the job of the DDL executor.
 */
package dev.quiver.adapter.ddl;
