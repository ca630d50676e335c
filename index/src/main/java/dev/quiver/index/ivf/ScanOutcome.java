package dev.quiver.index.ivf;

import dev.quiver.index.search.TopKCollector;

/**
 * What one query's partition scan produced, before scores become user-facing distances.
 *
 * @param ranked the top-k ids and internal scores, best first
 * @param partitionsScanned partitions whose results were used
 * @param vectorsScanned vectors compared in those partitions
 * @param estimatedRecall APS's estimate when it stopped, 1.0 for exact, NaN for a fixed nprobe
 */
record ScanOutcome(TopKCollector.Ranked ranked, int partitionsScanned, long vectorsScanned, double estimatedRecall) {}
