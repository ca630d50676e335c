package dev.quiver.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.bench.report.SearchMeasurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads literal lines in the form {@code faiss_ivf.py} prints them. */
class FaissOutputTest {

  private static final String BUILD = "{\"method\":\"faiss-ivf-flat\",\"phase\":\"build\",\"nlist\":1024,"
      + "\"train_s\":3.25,\"add_s\":0.5,\"build_threads\":2,\"train_iterations\":10,\"train_points\":262144,"
      + "\"faiss_version\":\"1.7.3\"}";
  private static final String NPROBE_8 = "{\"method\":\"faiss-ivf-flat\",\"nlist\":1024,\"nprobe\":8,"
      + "\"recall_at_10\":0.8125,\"qps\":4321.5,\"latency_p50_ms\":0.21,\"latency_p99_ms\":0.47,\"search_threads\":1}";
  private static final String NPROBE_16 = "{\"method\":\"faiss-ivf-flat\",\"nlist\":1024,\"nprobe\":16,"
      + "\"recall_at_10\":0.9,\"qps\":2500,\"latency_p50_ms\":0.4,\"latency_p99_ms\":0.9}";

  @Test
  void readsBuildLineAndOneMeasurementPerNprobe() {
    FaissOutput output = FaissOutput.parse(List.of(BUILD, "", NPROBE_8, NPROBE_16));
    assertEquals(new FaissBuild(1024, 3.25, 0.5, 2), output.build());
    assertEquals(3.75, output.build().buildSeconds(), 1e-12);
    assertEquals(List.of(
        new SearchMeasurement("faiss-ivf-flat", 1024, 8, "", 0.8125, 4321.5, 0.21, 0.47),
        new SearchMeasurement("faiss-ivf-flat", 1024, 16, "", 0.9, 2500, 0.4, 0.9)), output.measurements());
  }

  @Test
  void namesTheLineAndKeyThatIsWrong() {
    assertEquals("faiss_ivf.py output line 2: key \"qps\" missing or null",
        assertThrows(IllegalArgumentException.class,
            () -> FaissOutput.parse(List.of(BUILD, NPROBE_8.replace("\"qps\":4321.5,", "")))).getMessage());
    assertEquals("faiss_ivf.py output line 2: \"nprobe\": integer expected, was 8.5",
        assertThrows(IllegalArgumentException.class,
            () -> FaissOutput.parse(List.of(BUILD, NPROBE_8.replace("\"nprobe\":8", "\"nprobe\":8.5"))))
            .getMessage());
    assertEquals("faiss_ivf.py output line 1: method: expected faiss-ivf-flat, was other",
        assertThrows(IllegalArgumentException.class,
            () -> FaissOutput.parse(List.of(BUILD.replace("faiss-ivf-flat", "other")))).getMessage());
    assertEquals("faiss_ivf.py output: no build line among 1 lines",
        assertThrows(IllegalArgumentException.class, () -> FaissOutput.parse(List.of(NPROBE_8))).getMessage());
    assertEquals("faiss_ivf.py output line 2: a second build line",
        assertThrows(IllegalArgumentException.class, () -> FaissOutput.parse(List.of(BUILD, BUILD))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaissOutput.parse(List.of(BUILD, "Traceback (most recent")));
  }
}
