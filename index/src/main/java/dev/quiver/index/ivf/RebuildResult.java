package dev.quiver.index.ivf;

/**
 * What an online {@link IvfIndex#rebuild} did.
 *
 * @param partitionsBefore partitions before
 * @param partitionsAfter partitions after
 * @param vectors vectors in the snapshot the new partitioning was trained on
 * @param replayedWrites inserts, updates and deletes made while it trained, applied to it before publication
 * @param nanos wall time from snapshot to publication, in ns
 */
public record RebuildResult(int partitionsBefore, int partitionsAfter, long vectors, int replayedWrites, long nanos) {}
