package dev.quiver.bench.replay;

import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.IvfParams;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.maintenance.MaintenanceAction;
import dev.quiver.index.maintenance.MaintenancePasses;
import dev.quiver.index.maintenance.MaintenancePolicies;
import dev.quiver.index.maintenance.MaintenancePolicy;
import dev.quiver.index.search.SearchParams;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IVF index under one maintenance policy: built from the initial set with {@link ReplaySettings#initialNlist},
 * written one vector at a time, maintained by one synchronous pass after each update batch (Ada-IVF §4: "indicator
 * values are checked after a batch of updates"), searched with APS at the recall target.
 */
final class IvfReplayTarget implements ReplayTarget {

  private final IvfIndex index;
  private final MaintenancePolicy policy;
  private final SearchParams searchParams;
  private final long buildNanos;
  private int failedPasses;
  private String firstFailure;

  private IvfReplayTarget(IvfIndex index, MaintenancePolicy policy, SearchParams searchParams, long buildNanos) {
    this.index = index;
    this.policy = policy;
    this.searchParams = searchParams;
    this.buildNanos = buildNanos;
  }

  /**
   * Builds the initial index of {@code workload} and attaches a new {@code policy} with {@code options}.
   *
   * @throws IllegalArgumentException for an unknown policy or option
   */
  static IvfReplayTarget build(RecordedWorkload workload, String policy, Map<String, String> options,
      ReplaySettings settings, int k) {
    MaintenancePolicy instance = MaintenancePolicies.create(policy, options);
    long start = System.nanoTime();
    IvfIndex index = buildIndex(workload, settings);
    long nanos = System.nanoTime() - start;
    if (settings.deltaCapacity() > 0) {
      index.setDeltaCapacity(settings.deltaCapacity());
    }
    return new IvfReplayTarget(index, instance, SearchParams.forRecall(k, settings.recallTarget()), nanos);
  }

  /** The initial index of {@code workload}: its initial set in nlist = {@link ReplaySettings#initialNlist} parts. */
  static IvfIndex buildIndex(RecordedWorkload workload, ReplaySettings settings) {
    int n = workload.initial().count();
    return IvfIndex.build(workload.initial().vectors(), workload.initial().ids(),
        IvfParams.of(workload.dim(), workload.metric(), settings.initialNlist(n), settings.seed()));
  }

  /** The index, for tests and the final checks. */
  IvfIndex index() {
    return index;
  }

  @Override
  public String method() {
    return policy.name();
  }

  @Override
  public String setting() {
    // Sorted so that the text is the same run to run (settings() is an unordered map).
    Map<String, String> sorted = new TreeMap<>(policy.settings());
    StringBuilder text = new StringBuilder();
    sorted.forEach((key, value) -> text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(value));
    return text.toString();
  }

  @Override
  public long buildNanos() {
    return buildNanos;
  }

  @Override
  public void insert(long id, float[] vector) {
    index.insert(id, vector);
  }

  @Override
  public void delete(long id) {
    index.delete(id);
  }

  /**
   * One pass under the index's maintenance lock. A pass that throws is counted and reported rather than ending the
   * whole comparison: every engine change commits atomically, so the index is whole after a pass that stopped
   * halfway, and the next pass starts from fresh statistics (bench/RESULTS.md records where this happened).
   */
  @Override
  public List<MaintenanceAction> maintain() {
    try {
      return MaintenancePasses.run(index, policy);
    } catch (IllegalArgumentException | IllegalStateException e) {
      failedPasses++;
      if (firstFailure == null) {
        firstFailure = e.toString();
      }
      return List.of();
    }
  }

  @Override
  public int failedPasses() {
    return failedPasses;
  }

  @Override
  public String firstFailure() {
    return firstFailure;
  }

  @Override
  public long[] search(float[] query, long[] scanned) {
    SearchResult result = index.search(query, searchParams);
    scanned[0] = result.vectorsScanned();
    return result.ids();
  }

  @Override
  public int partitions() {
    return index.nlist();
  }

  @Override
  public int size() {
    return index.size();
  }
}
