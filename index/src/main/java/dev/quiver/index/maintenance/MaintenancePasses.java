package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;

/** Runs maintenance passes under an index's maintenance lock. */
public final class MaintenancePasses {

  private MaintenancePasses() {}

  /** Runs one pass of {@code policy} over {@code index}, waiting for any other maintenance action to finish. */
  public static List<MaintenanceAction> run(IvfIndex index, MaintenancePolicy policy) {
    index.maintenanceLock().lock();
    try {
      return List.copyOf(policy.maintain(index));
    } finally {
      index.maintenanceLock().unlock();
    }
  }
}
