package dev.quiver.adapter.maintenance;

import dev.quiver.index.ivf.BuildStats;

/**
 * What one rebuild of a vector column's index did.
 *
 * @param vectors vectors in the snapshot it was built from
 * @param partitionsBefore partitions of the index it replaced (0 if there was none)
 * @param partitionsAfter partitions of the index now in use
 * @param replayedWrites writes made during the build and applied to the new index before it was published
 * @param buildStats timings of the build, or null if the snapshot was empty (nothing was built)
 */
public record RebuildOutcome(int vectors, int partitionsBefore, int partitionsAfter, int replayedWrites,
    BuildStats buildStats) {}
