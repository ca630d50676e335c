package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCommandTest {

  @TempDir Path root;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return PrepareCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void preparesAGeneratedDatasetOnce() {
    assertEquals(PrepareCommand.OK, run("gen:1500:4:9", "--data-dir", root.toString(), "--queries", "20"));
    assertTrue(out().startsWith("prepared gen-1500-4-9: 1,500 base, 20 queries, dim 4, L2, ground truth @100"),
        out());
    assertTrue(Files.isRegularFile(root.resolve("gen-1500-4-9").resolve("groundtruth.ivecs")));
    assertEquals(PrepareCommand.OK, run("gen:1500:4:9", "--data-dir", root.toString(), "--queries", "20"));
    assertTrue(out().startsWith("already prepared: gen-1500-4-9"), out());
    assertEquals(PrepareCommand.OK, run("gen:1500:4:9", "--data-dir", root.toString(), "--queries", "30"));
    assertTrue(out().startsWith("prepared gen-1500-4-9: 1,500 base, 30 queries"), "more queries regenerate: " + out());
  }

  @Test
  void badArgumentsExitWithUsage() {
    assertEquals(PrepareCommand.USAGE, run());
    assertTrue(err().contains("no dataset given"), err());
    assertTrue(err().contains("usage: quiver bench prepare DATASET"), err());
    assertEquals(PrepareCommand.USAGE, run("gen:12:x"));
    assertTrue(err().contains("D must be an integer"), err());
    assertEquals(PrepareCommand.USAGE, run("fmnist", "--bogus"));
    assertTrue(err().contains("unknown option '--bogus'"), err());
    assertEquals(PrepareCommand.USAGE, run("gen:10:2", "--queries", "0"));
    assertTrue(err().contains("--queries: must be a positive integer, was '0'"), err());
    assertEquals(PrepareCommand.USAGE, run("fmnist", "--metric", "cosine"));
    assertTrue(err().contains("--metric: applies only to a PATH.fvecs dataset"), err());
    assertEquals(PrepareCommand.USAGE, run("fmnist", "wordnet-minilm"));
    assertEquals(PrepareCommand.OK, run("--help"));
    assertTrue(out().contains("fmnist | wordnet-minilm | gen:N:D[:seed]"), out());
  }

  @Test
  void missingPackageFailsWithTheInstallCommand() {
    assertEquals(PrepareCommand.FAILED, run("fmnist", "--data-dir", root.toString(), "--source",
        root.resolve("absent").toString()));
    assertTrue(err().contains("sudo apt-get install dataset-fashion-mnist"), err());
  }
}
