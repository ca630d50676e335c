package dev.quiver.bench.aps;

import dev.quiver.bench.data.Dataset;
import dev.quiver.bench.peers.FaissIvfPeer;
import dev.quiver.bench.report.SearchMeasurement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Faiss IVF-Flat peer at each recall target: one peer run over a list of candidate nprobes, then per target the
 * smallest candidate whose mean recall@10 reaches it. The peer measures recall@10 and its mean only, so this applies
 * to k = 10 alone and the 10th-percentile recall is unknown (NaN).
 *
 * @param available whether Faiss ran; when false only {@code message} is set
 * @param message why Faiss was skipped, or empty
 * @param candidates nprobes the peer measured
 * @param rows one row per target that some candidate reached, in target order
 * @param unreached targets that no candidate reached
 */
public record FaissTargets(boolean available, String message, SortedSet<Integer> candidates, List<ApsRow> rows,
    List<Double> unreached) {

  /** The only k the peer's recall (recall@10) matches. */
  public static final int K = 10;

  /**
   * Candidate nprobes: those the fixed-nprobe search visited (the doubling steps up to twice the largest nprobe
   * chosen, and the bisection steps) and the neighbours (±1, ±10%) of each nprobe it chose, all within [1, nlist].
   * Faiss trains its own k-means, so its answer can differ from Quiver's; the doubling steps bracket it. Larger
   * nprobes are left out on purpose: Faiss measures every candidate over every query, and near nlist that costs
   * minutes.
   */
  public static SortedSet<Integer> candidates(SortedSet<Integer> visited, int[] chosen, int nlist) {
    SortedSet<Integer> result = new TreeSet<>(visited);
    for (int p : chosen) {
      for (int q : new int[] {p - 1, p, p + 1, (int) Math.floor(0.9 * p), (int) Math.ceil(1.1 * p)}) {
        result.add(q);
      }
    }
    result.removeIf(p -> p < 1 || p > nlist);
    return result;
  }

  /** Runs the peer once over {@code candidates} and picks per target the smallest nprobe that reaches it. */
  public static FaissTargets run(Dataset dataset, int nlist, SortedSet<Integer> candidates, double[] targets) {
    int[] nprobes = candidates.stream().mapToInt(Integer::intValue).toArray();
    FaissIvfPeer.Result result = FaissIvfPeer.run(dataset.files().base(), dataset.files().query(),
        dataset.files().groundTruth(), dataset.metric(), nlist, nprobes, K, dataset.queryCount());
    if (!result.available()) {
      return new FaissTargets(false, result.message(), candidates, List.of(), List.of());
    }
    List<SearchMeasurement> measured = new ArrayList<>(result.measurements());
    measured.sort(Comparator.comparingInt(SearchMeasurement::nprobe));
    List<ApsRow> rows = new ArrayList<>();
    List<Double> unreached = new ArrayList<>();
    for (double target : targets) {
      measured.stream().filter(m -> m.recallAt10() >= target - NprobeFinder.TOLERANCE).findFirst().ifPresentOrElse(
          m -> rows.add(new ApsRow("faiss-ivf-flat", target, K, m.recallAt10(), Double.NaN, m.nprobe(),
              m.latencyP50Ms(), m.latencyP99Ms(), m.qps())),
          () -> unreached.add(target));
    }
    return new FaissTargets(true, "", candidates, rows, unreached);
  }
}
