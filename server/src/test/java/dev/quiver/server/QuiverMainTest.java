package dev.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command dispatcher of quiver.jar: help, errors, and the commands packaged from the bench module. */
class QuiverMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return QuiverMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommands() {
    assertEquals(0, run("help"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("demo") && text.contains("bench ivf") && text.contains("bench kernels"), text);
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run("frobnicate"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
  }

  @Test
  void badBenchOptionNamesTheValidOnes() {
    assertEquals(2, run("bench", "kernels", "--dimz", "3"));
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("unknown option --dimz") && text.contains("--dims"), text);
  }

  @Test
  void demoRunsEndToEndOnASmallDataset() {
    assertEquals(0, run("demo", "--n", "20000", "--dim", "32", "--queries", "200"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("| nprobe | recall@10") && text.contains("exactness check passed"), text);
  }
}
