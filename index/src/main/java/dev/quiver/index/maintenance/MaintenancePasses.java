package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;

/**
 * Runs maintenance passes under an index's maintenance lock: the policy's actions, then, whatever the policy, a
 * recalibration of APS's recall model once the partition count has moved by {@value #RECALIBRATION_FACTOR}× either
 * way from the count it was calibrated at (so that APS keeps meeting its targets after many splits or merges, with
 * no tuning asked of anyone).
 */
public final class MaintenancePasses {

  /** Growth or shrinkage of the partition count, since the last calibration, that triggers a recalibration. */
  public static final double RECALIBRATION_FACTOR = 2.0;

  private MaintenancePasses() {}

  /** Runs one pass of {@code policy} over {@code index}, waiting for any other maintenance action to finish. */
  public static List<MaintenanceAction> run(IvfIndex index, MaintenancePolicy policy) {
    index.maintenanceLock().lock();
    try {
      List<MaintenanceAction> actions = new java.util.ArrayList<>(policy.maintain(index));
      int calibrated = index.calibratedNlist();
      int now = index.nlist();
      if (now >= RECALIBRATION_FACTOR * calibrated || now * RECALIBRATION_FACTOR <= calibrated) {
        long start = System.nanoTime();
        if (index.recalibrate(42L)) {
          actions.add(new MaintenanceAction(MaintenanceAction.Kind.RECALIBRATE, now, now, 0,
              System.nanoTime() - start, "APS recall model recalibrated: " + calibrated + " partitions when last"
                  + " calibrated, " + now + " now"));
        }
      }
      return List.copyOf(actions);
    } finally {
      index.maintenanceLock().unlock();
    }
  }
}
