package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;
import java.util.Map;

/**
 * Keeps every centroid at its partition's running mean, moving no vector: routing follows the data's drift, but
 * partitions are never split or merged, so imbalance grows unchecked.
 */
public final class UpdateCentroidsPolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "update";

  /** Mutations at the last pass; a fresh index has its centroids where its build put them. */
  private long mutationsSeen;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of();
  }

  @Override
  public List<MaintenanceAction> maintain(IvfIndex index) {
    long mutations = index.mutations();
    if (mutations == mutationsSeen) {
      return List.of();
    }
    mutationsSeen = mutations;
    long start = System.nanoTime();
    int before = index.nlist();
    int moved = index.moveCentroidsToMeans(null);
    return moved == 0 ? List.of() : List.of(new MaintenanceAction(MaintenanceAction.Kind.UPDATE_CENTROIDS, before,
        index.nlist(), 0, System.nanoTime() - start, moved + " centroids moved to their partitions' means"));
  }
}
