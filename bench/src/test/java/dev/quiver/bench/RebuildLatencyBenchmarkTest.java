package dev.quiver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.data.PrepareCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench rebuild} runs end to end on a small generated dataset and reports both phases, correct results. */
class RebuildLatencyBenchmarkTest {

  @TempDir Path root;

  @Test
  void reportsIdleAndRebuildingPhasesWithFullRecallAtTargetOne() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(PrepareCommand.OK, PrepareCommand.run(new String[] {"gen:4000:8:3", "--data-dir", root.toString(),
        "--queries", "50"}, quiet, quiet));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, RebuildLatencyBenchmark.run(new String[] {"--dataset", "gen:4000:8:3", "--data-dir",
        root.toString(), "--recall", "1.0", "--rounds", "2", "--json"}, new PrintStream(out, true,
        StandardCharsets.UTF_8)));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("{\"phase\": \"idle\", \"searches\": 100, \"recall_mean\": 1.0000"),
        lines.get(0));
    assertTrue(lines.get(1).startsWith("{\"phase\": \"rebuilding\"") && lines.get(1).contains("\"recall_mean\":"
        + " 1.0000"), "exact searches stay exact while the index is rebuilt: " + lines.get(1));
  }
}
