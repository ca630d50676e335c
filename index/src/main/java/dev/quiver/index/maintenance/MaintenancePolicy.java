package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;

/**
 * Decides and performs the maintenance of one index (ALGORITHMS.md §3). All policies act through the same engine
 * operations ({@link IvfIndex#recluster}, {@link IvfIndex#moveCentroidsToMeans}, {@link IvfIndex#rebuild}), so
 * comparisons between them measure the policy, not the plumbing.
 *
 * <p>An instance belongs to one index: it may remember what it saw at its last pass (access counts, mutation
 * counts). Passes of one instance never overlap: {@link MaintenancePasses#run} holds the index's maintenance lock.
 */
public interface MaintenancePolicy {

  /** The policy's name as SQL and the benchmark spell it ({@code ada-ivf}, {@code quake}, …). */
  String name();

  /** The policy's settings, by option name, as {@code set_maintenance} accepts them. */
  java.util.Map<String, String> settings();

  /**
   * One maintenance pass over {@code index}, whose maintenance lock the caller holds. Returns what it changed, in
   * order (empty when nothing needed doing).
   */
  List<MaintenanceAction> maintain(IvfIndex index);
}
