package dev.quiver.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quiver.bench.report.SearchMeasurement;
import dev.quiver.index.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Faiss peer end to end on tiny data (skipped where {@code /usr/bin/python3} cannot import faiss), and the
 * parts that need no Faiss: arguments, the script resource, and the unavailable result.
 */
class FaissIvfPeerTest {

  private static final long SEED = 7L;
  /** Scanning every partition is exhaustive search, so only float rounding can cost recall. */
  private static final double MIN_RECALL_ALL_PARTITIONS = 0.99;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void runsScriptOnTinyDataAndIsExactWhenEveryPartitionIsScanned(Metric metric, @TempDir Path dir)
      throws Exception {
    assumeTrue(FaissIvfPeer.available(), "faiss not importable by " + FaissIvfPeer.python() + "; install: "
        + FaissIvfPeer.INSTALL_COMMAND);
    System.err.println("seed " + SEED);
    PeerTestData data = PeerTestData.random(SEED, 2_000, 60, 8, 100, metric);
    data.write(dir);
    int nlist = 16;
    FaissIvfPeer.Result result = FaissIvfPeer.run(dir.resolve("base.fvecs"), dir.resolve("query.fvecs"),
        dir.resolve("groundtruth.ivecs"), metric, nlist, new int[] {1, 4, nlist, 2 * nlist}, 10, 50);

    assertTrue(result.available());
    assertEquals(nlist, result.build().nlist());
    assertTrue(result.build().buildThreads() >= 1);
    assertTrue(result.build().trainSeconds() >= 0 && result.build().addSeconds() >= 0, result.build().toString());
    List<SearchMeasurement> rows = result.measurements();
    // nprobe 32 > nlist is skipped by the script rather than silently clamped to a duplicate row.
    assertEquals(List.of(1, 4, nlist), rows.stream().map(SearchMeasurement::nprobe).toList());
    SearchMeasurement all = rows.getLast();
    assertTrue(all.recallAt10() >= MIN_RECALL_ALL_PARTITIONS, metric + " recall@10 at nprobe = nlist: " + all.recallAt10());
    assertTrue(rows.getFirst().recallAt10() <= all.recallAt10(), rows.toString());
    assertTrue(all.qps() > 0 && all.latencyP99Ms() >= all.latencyP50Ms(), all.toJson());
  }

  @Test
  void missingInterpreterGivesTheInstallCommand() {
    String previous = System.getProperty(FaissIvfPeer.PYTHON_PROPERTY);
    System.setProperty(FaissIvfPeer.PYTHON_PROPERTY, "/nonexistent/python3");
    try {
      FaissIvfPeer.Result result = FaissIvfPeer.run(Path.of("b.fvecs"), Path.of("q.fvecs"), Path.of("g.ivecs"),
          Metric.L2, 4, new int[] {1}, 10, 0);
      assertFalse(result.available());
      assertEquals("sudo apt-get install python3-faiss libopenblas0-pthread", result.message());
      assertTrue(result.measurements().isEmpty());
    } finally {
      if (previous == null) {
        System.clearProperty(FaissIvfPeer.PYTHON_PROPERTY);
      } else {
        System.setProperty(FaissIvfPeer.PYTHON_PROPERTY, previous);
      }
    }
  }

  @Test
  void defaultInterpreterIsDebiansNotThePathOne() {
    assumeTrue(System.getProperty(FaissIvfPeer.PYTHON_PROPERTY) == null);
    assertEquals(Path.of("/usr/bin/python3"), FaissIvfPeer.python());
  }

  @Test
  void argumentsNameEveryValueAndSearchOnOneThread() {
    assertEquals(List.of("--base", "b.fvecs", "--query", "q.fvecs", "--gt", "g.ivecs", "--metric", "cosine",
            "--nlist", "64", "--nprobe", "1,2,64", "--k", "10", "--queries", "0", "--threads", "1"),
        FaissIvfPeer.arguments(Path.of("b.fvecs"), Path.of("q.fvecs"), Path.of("g.ivecs"), Metric.COSINE, 64,
            new int[] {1, 2, 64}, 10, 0));
    assertEquals("nprobes: need at least one, all positive, was [1, 0]",
        assertThrows(IllegalArgumentException.class, () -> FaissIvfPeer.arguments(Path.of("b"), Path.of("q"),
            Path.of("g"), Metric.L2, 64, new int[] {1, 0}, 10, 0)).getMessage());
    assertEquals("k: must be at least 10 to measure recall@10, was 5",
        assertThrows(IllegalArgumentException.class, () -> FaissIvfPeer.arguments(Path.of("b"), Path.of("q"),
            Path.of("g"), Metric.L2, 64, new int[] {1}, 5, 0)).getMessage());
  }

  @Test
  void scriptIsOnTheClasspath() throws Exception {
    Path script = FaissIvfPeer.extractScript();
    try {
      String text = Files.readString(script);
      assertTrue(text.startsWith("#!/usr/bin/python3"), text.substring(0, 40));
      assertTrue(text.contains("IndexIVFFlat"));
    } finally {
      Files.delete(script);
    }
  }
}
