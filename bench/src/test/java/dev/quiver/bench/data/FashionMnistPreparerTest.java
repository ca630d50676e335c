package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistPreparerTest {

  @TempDir Path dir;

  /** An unsigned-byte IDX file of {@code count} 2 × 3 images whose pixel {@code p} of image {@code i} is i*10+p. */
  static byte[] idx(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {0, 0, 0x08, 3});
    out.writeInt(count);
    out.writeInt(2);
    out.writeInt(3);
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < 6; p++) {
        out.writeByte(i * 10 + p + (i == 0 && p == 0 ? 250 : 0)); // 250 checks unsigned conversion
      }
    }
    return bytes.toByteArray();
  }

  static void writeGzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }

  @Test
  void readsPlainAndGzippedIdx() throws IOException {
    Path plain = dir.resolve("plain-idx3-ubyte");
    Files.write(plain, idx(2));
    Path gz = dir.resolve("zipped-idx3-ubyte.gz");
    writeGzip(gz, idx(2));
    for (Path file : new Path[] {plain, gz}) {
      IdxFile read = IdxFile.read(file);
      assertArrayEquals(new int[] {2, 2, 3}, read.shape());
      assertEquals(2, read.count());
      assertEquals(6, read.itemSize());
      FloatRows rows = read.toFloatRows();
      assertEquals(6, rows.dim());
      assertArrayEquals(new float[] {250, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15}, rows.values());
    }
  }

  @Test
  void rejectsBadIdx() throws IOException {
    Path wrongType = dir.resolve("float.idx");
    Files.write(wrongType, new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0});
    IOException type = assertThrows(IOException.class, () -> IdxFile.read(wrongType));
    assertTrue(type.getMessage().contains("IDX type 0xd is not supported"), type.getMessage());
    Path notIdx = dir.resolve("text.idx");
    Files.writeString(notIdx, "hello world");
    IOException magic = assertThrows(IOException.class, () -> IdxFile.read(notIdx));
    assertTrue(magic.getMessage().contains("not an IDX file"), magic.getMessage());
    Path truncated = dir.resolve("short.idx");
    byte[] full = idx(3);
    Files.write(truncated, java.util.Arrays.copyOf(full, full.length - 1));
    IOException eof = assertThrows(IOException.class, () -> IdxFile.read(truncated));
    assertTrue(eof.getMessage().contains("truncated IDX file"), eof.getMessage());
  }

  @Test
  void preparesAndLoadsFromAFakePackage() throws IOException {
    Path source = Files.createDirectories(dir.resolve("pkg"));
    writeGzip(source.resolve(FashionMnistPreparer.TRAIN_IMAGES + ".gz"), idx(20));
    writeGzip(source.resolve(FashionMnistPreparer.TEST_IMAGES + ".gz"), idx(4));
    Path root = dir.resolve("data");
    Dataset prepared = FashionMnistPreparer.prepare(source, root, ProgressReporter.SILENT);
    assertEquals(20, prepared.baseCount());
    assertEquals(4, prepared.queryCount());
    assertEquals(20, prepared.groundTruthDepth(), "depth is capped at the base size");
    Dataset loaded = DatasetLoader.load("fmnist", root);
    assertEquals("fmnist", loaded.name());
    assertEquals(Metric.L2, loaded.metric());
    assertArrayEquals(prepared.base(), loaded.base());
    assertArrayEquals(prepared.groundTruth(), loaded.groundTruth());
    // Test image i equals train image i, so its nearest neighbour is that row.
    assertEquals(2, loaded.groundTruth(2, 1)[0]);
  }

  @Test
  void missingPackageSaysWhatToInstall() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> FashionMnistPreparer.prepare(dir.resolve("nowhere"), dir, ProgressReporter.SILENT));
    assertTrue(e.getMessage().contains("sudo apt-get install dataset-fashion-mnist"), e.getMessage());
  }
}
