package dev.quiver.index.ivf;

/**
 * What a committed {@link IvfIndex.Recluster} did.
 *
 * @param removedIds stable ids of the partitions replaced
 * @param createdIds stable ids of the partitions that replaced them
 * @param createdSizes vectors in each created partition, parallel to {@code createdIds}
 * @param vectorsMoved vectors copied into the created partitions
 * @param publishNanos time spent under the write lock placing and publishing, in ns
 * @param createdClusters for each created partition, the index of its centroid among the recluster's centroids
 *     (with initial centroids given: which initial centroid it grew from); −1 for the empty partition kept when a
 *     region that was the whole index came back empty
 */
public record RegionChange(long[] removedIds, long[] createdIds, int[] createdSizes, long vectorsMoved,
    long publishNanos, int[] createdClusters) {}
