package dev.quiver.index.ivf;

/**
 * What a committed {@link IvfIndex.Recluster} did.
 *
 * @param removedIds stable ids of the partitions replaced
 * @param createdIds stable ids of the partitions that replaced them
 * @param createdSizes vectors in each created partition, parallel to {@code createdIds}
 * @param vectorsMoved vectors copied into the created partitions
 * @param publishNanos time spent under the write lock placing and publishing, in ns
 */
public record RegionChange(long[] removedIds, long[] createdIds, int[] createdSizes, long vectorsMoved,
    long publishNanos) {}
