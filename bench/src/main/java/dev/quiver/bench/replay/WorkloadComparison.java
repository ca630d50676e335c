package dev.quiver.bench.replay;

import dev.quiver.bench.workload.WorkloadOperation;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.maintenance.QuakePolicy;
import dev.quiver.index.search.SearchParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs every method of a {@code bench workload} over the same recorded workload, each on a fresh index built from
 * the initial set: interleaved operation by operation ({@link WorkloadReplayer}), or with
 * {@link ReplaySettings#interleaved()} off one after another in the order given.
 *
 * <p>Before the first method, a warm-up on a throwaway index over the initial set (untimed):
 * {@link ReplaySettings#warmUpSearches()} APS searches with the first query batch's vectors, the whole first insert
 * batch inserted and deleted again, so that the first method does not pay for the JIT compiling the search and write
 * paths (tens of thousands of calls before the optimising compiler has seen them all); and Quake's scan-cost profile
 * is measured once (it is cached per JVM, so only the first policy to ask would pay for it). The Lucene peer warms
 * its own search path on its initial graph ({@link LuceneReplayTarget#warmUp}), since it shares none of the IVF
 * code. A full collection runs before each build, so that one method's garbage is not collected on another's
 * time; with warm-up 0 none of this happens.
 */
public final class WorkloadComparison {

  private WorkloadComparison() {}

  /**
   * Replays {@code workload} with every method of {@code methods}.
   *
   * @param k results per query (the workload's ground-truth depth)
   * @param progress receives progress lines
   * @return one result per method, in the order of {@code methods}
   */
  public static List<ReplayResult> run(RecordedWorkload workload, ReplayMethods methods, ReplaySettings settings,
      int k, Consumer<String> progress) {
    if (settings.warmUpSearches() > 0) {
      warmUp(workload, methods, settings, k, progress);
    }
    WorkloadReplayer replayer = new WorkloadReplayer(workload, progress);
    if (!settings.interleaved()) {
      List<ReplayResult> results = new ArrayList<>();
      for (String method : methods.names()) {
        ReplayTarget target = build(workload, methods, method, settings, k, progress);
        results.add(report(replayer.replay(target), progress));
      }
      return results;
    }
    List<ReplayTarget> targets = new ArrayList<>();
    for (String method : methods.names()) {
      targets.add(build(workload, methods, method, settings, k, progress));
    }
    if (settings.warmUpSearches() > 0) {
      System.gc(); // the builds' garbage is not collected on the replay's time
    }
    progress.accept("replaying " + workload.steps() + " steps, the methods interleaved ...");
    return replayer.replay(targets).stream().map(r -> report(r, progress)).toList();
  }

  /** A fresh target for {@code method} over the initial set, warmed up when it has its own code paths to warm. */
  private static ReplayTarget build(RecordedWorkload workload, ReplayMethods methods, String method,
      ReplaySettings settings, int k, Consumer<String> progress) {
    if (settings.warmUpSearches() > 0) {
      System.gc(); // the previous method's garbage is not collected on this one's time; only steadies timings
    }
    progress.accept("building the initial index for " + method + " ...");
    ReplayTarget target = method.equals(ReplayMethods.LUCENE)
        ? LuceneReplayTarget.build(workload, LuceneStreamParams.parse(methods.optionsOf(method)), settings, k)
        : IvfReplayTarget.build(workload, method, methods.optionsOf(method), settings, k);
    if (target instanceof LuceneReplayTarget lucene && settings.warmUpSearches() > 0) {
      lucene.warmUp(workload.firstQueries(), settings.warmUpSearches());
    }
    progress.accept(String.format(Locale.ROOT, "%s: built in %.2f s (%d partitions)", method,
        target.buildNanos() / 1e9, target.partitions()));
    return target;
  }

  private static ReplayResult report(ReplayResult result, Consumer<String> progress) {
    progress.accept(String.format(Locale.ROOT, "%s: recall %.4f, %.0f QPS, update %.0f vectors/s, maintenance "
        + "%.2f s, total %.2f s, %d partitions", result.method(), result.recallMean(), result.searchQps(),
        result.updateThroughput(), result.maintenanceSeconds(), result.totalSeconds(), result.partitionsFinal()));
    return result;
  }

  private static void warmUp(RecordedWorkload workload, ReplayMethods methods, ReplaySettings settings, int k,
      Consumer<String> progress) {
    progress.accept("warming up on a throwaway index ...");
    IvfIndex index = IvfReplayTarget.buildIndex(workload, settings);
    WorkloadOperation.Query queries = workload.firstQueries();
    SearchParams params = SearchParams.forRecall(k, settings.recallTarget());
    if (queries != null) {
      for (int i = 0; i < settings.warmUpSearches(); i++) {
        index.search(queries.vector(i % queries.count()), params);
      }
    }
    WorkloadOperation.Insert insert = workload.firstInsert();
    if (insert != null) {
      for (int i = 0; i < insert.count(); i++) {
        index.insert(insert.ids()[i], insert.vector(i));
      }
      for (long id : insert.ids()) {
        index.delete(id);
      }
    }
    if (methods.contains(QuakePolicy.NAME)) {
      QuakePolicy.profile(workload.dim(), workload.metric());
    }
  }
}
