package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;
import java.util.Map;

/** No maintenance at all: the baseline that shows what updates do to an index left alone. */
public final class FrozenPolicy implements MaintenancePolicy {

  /** The policy's name. */
  public static final String NAME = "frozen";

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
    return List.of();
  }
}
