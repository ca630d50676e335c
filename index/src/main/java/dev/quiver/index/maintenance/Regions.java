package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.ivf.RegionChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the policies share: the target partition size, neighbourhoods, and turning a commit into a log entry. */
final class Regions {

  private Regions() {}

  /**
   * The target partition size τs: {@code configured} when positive; otherwise the larger of the mean partition size
   * at the index's last build (an index keeps the granularity it was built with; the Ada-IVF paper builds at 1,000
   * per partition) and √n/4, the size the usual 4·√n partitions give n vectors, so that an index built small and
   * grown large does not split down to its small build's partition size. At least 1.
   */
  static int targetSize(IvfIndex index, int configured) {
    if (configured > 0) {
      return configured;
    }
    double built = (double) index.baseline().vectors() / index.params().nlist();
    double grown = Math.sqrt(index.size()) / 4;
    return (int) Math.max(1, Math.round(Math.max(built, grown)));
  }

  /**
   * The {@code radius} partitions nearest {@code point} that are not in {@code exclude}, nearest first (r_c of
   * Ada-IVF Alg. 4, the neighbourhood of LIRE and Quake).
   */
  static List<Long> neighbours(IvfIndex index, float[] point, int radius, Set<Long> exclude) {
    long[] nearest = index.nearestPartitionIds(point, radius + exclude.size() + 1);
    List<Long> out = new ArrayList<>(radius);
    for (long id : nearest) {
      if (out.size() == radius) {
        break;
      }
      if (!exclude.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** The centroids of {@code ids}, row-major in that order. */
  static float[] centroidsOf(Map<Long, PartitionStats> byId, Collection<Long> ids, int dim) {
    float[] out = new float[ids.size() * dim];
    int i = 0;
    for (long id : ids) {
      System.arraycopy(byId.get(id).centroid(), 0, out, i++ * dim, dim);
    }
    return out;
  }

  static Map<Long, PartitionStats> byId(PartitionStats[] stats) {
    Map<Long, PartitionStats> map = new java.util.HashMap<>();
    for (PartitionStats s : stats) {
      map.put(s.id(), s);
    }
    return map;
  }

  static long[] toArray(Collection<Long> ids) {
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  /** Ordered union. */
  static Set<Long> union(Collection<Long> a, Collection<Long> b) {
    Set<Long> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }

  static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The log entry of a committed region change. */
  static MaintenanceAction action(MaintenanceAction.Kind kind, int before, IvfIndex index, RegionChange change,
      long startNanos, String why) {
    return new MaintenanceAction(kind, before, index.nlist(), change.vectorsMoved(), System.nanoTime() - startNanos,
        "partitions " + java.util.Arrays.toString(change.removedIds()) + " -> "
            + java.util.Arrays.toString(change.createdIds()) + " sizes "
            + java.util.Arrays.toString(change.createdSizes()) + (why.isEmpty() ? "" : "; " + why));
  }
}
