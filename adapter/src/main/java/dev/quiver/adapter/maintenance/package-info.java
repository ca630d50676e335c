/**
 * What a database's index maintenance is doing and has done: the {@link dev.quiver.adapter.maintenance.JobRegistry}
 * of running jobs behind {@code quiver.jobs}, the bounded {@link dev.quiver.adapter.maintenance.MaintenanceLog}
 * behind {@code quiver.maintenance_log}, and {@link dev.quiver.adapter.maintenance.RebuildJob}, which reports one
 * index rebuild to both. {@link dev.quiver.adapter.maintenance.MaintenanceTracker} holds them for one database.
 */
package dev.quiver.adapter.maintenance;
