package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VecFilesTest {

  @TempDir Path dir;

  @Test
  void fvecsRoundTripKeepsEveryBit() throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    float[] values = new float[7 * 13];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    values[5] = Float.NaN;
    values[6] = -0.0f;
    Path file = dir.resolve("a.fvecs");
    VecFiles.writeFvecs(file, values, 7, 13);
    assertEquals(7 * (4 + 13 * 4), Files.size(file));
    FloatRows read = VecFiles.readFvecs(file);
    assertEquals(7, read.count());
    assertEquals(13, read.dim());
    assertArrayEquals(values, read.values()); // assertArrayEquals(float[]) compares bit patterns, NaN included
    assertEquals(7, VecFiles.fvecsRowCount(file));
  }

  @Test
  void fvecsIsLittleEndianWithDimensionPerRow() throws IOException {
    Path file = dir.resolve("le.fvecs");
    VecFiles.writeFvecs(file, new float[] {1f, 2f}, 1, 2);
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, bytes.getInt());
    assertEquals(1f, bytes.getFloat());
    assertEquals(2f, bytes.getFloat());
  }

  @Test
  void readsAcrossChunkBoundaries() throws IOException {
    // 20 MB spans two 16 MB chunks, with a row straddling nowhere (chunks hold whole rows).
    int dim = 250;
    int count = 20_000;
    float[] values = new float[count * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    Path file = dir.resolve("big.fvecs");
    VecFiles.writeFvecs(file, values, count, dim);
    assertTrue(Files.size(file) > VecFiles.CHUNK_BYTES);
    assertArrayEquals(values, VecFiles.readFvecs(file).values());
  }

  @Test
  void maxRowsReadsAPrefix() throws IOException {
    Path file = dir.resolve("p.fvecs");
    VecFiles.writeFvecs(file, new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    FloatRows two = VecFiles.readFvecs(file, 2);
    assertEquals(2, two.count());
    assertArrayEquals(new float[] {1, 2, 3, 4}, two.values());
    assertEquals(3, VecFiles.readFvecs(file, 100).count());
    assertEquals(0, VecFiles.readFvecs(file, 0).count());
  }

  @Test
  void ivecsRoundTrip() throws IOException {
    int[] values = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42, 7};
    Path file = dir.resolve("a.ivecs");
    VecFiles.writeIvecs(file, values, 2, 3);
    IntRows read = VecFiles.readIvecs(file);
    assertEquals(2, read.count());
    assertEquals(3, read.dim());
    assertArrayEquals(values, read.values());
  }

  @Test
  void bvecsRoundTripReadsUnsignedBytesAsFloats() throws IOException {
    byte[] values = {0, 1, (byte) 127, (byte) 128, (byte) 255, 9};
    Path file = dir.resolve("a.bvecs");
    VecFiles.writeBvecs(file, values, 3, 2);
    assertEquals(3 * (4 + 2), Files.size(file));
    FloatRows read = VecFiles.readBvecs(file);
    assertArrayEquals(new float[] {0, 1, 127, 128, 255, 9}, read.values());
    assertArrayEquals(read.values(), VecFiles.readFloatRows(file, Integer.MAX_VALUE).values());
  }

  @Test
  void rejectsARowWithAnotherDimensionNamingFileAndRow() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(3 * 12).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(2).putFloat(1).putFloat(2);
    b.putInt(2).putFloat(3).putFloat(4);
    b.putInt(3).putFloat(5).putFloat(6); // same size, wrong header
    Path file = dir.resolve("mixed.fvecs");
    Files.write(file, b.array());
    IOException e = assertThrows(IOException.class, () -> VecFiles.readFvecs(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("row 2 has dimension 3, but row 0 has 2"), e.getMessage());
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    Path file = dir.resolve("t.fvecs");
    VecFiles.writeFvecs(file, new float[] {1, 2, 3, 4}, 2, 2);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    IOException e = assertThrows(IOException.class, () -> VecFiles.readFvecs(file));
    assertTrue(e.getMessage().contains("not a whole number of rows of 12 bytes"), e.getMessage());
  }

  @Test
  void rejectsAnImplausibleDimension() throws IOException {
    Path file = dir.resolve("be.fvecs");
    Files.write(file, new byte[] {0, 0, 0, 2, 0, 0, 0, 0}); // big-endian 2 reads as 33554432
    IOException e = assertThrows(IOException.class, () -> VecFiles.readFvecs(file));
    assertTrue(e.getMessage().contains("row 0 has dimension 33554432"), e.getMessage());
    Path empty = dir.resolve("empty.fvecs");
    Files.write(empty, new byte[0]);
    assertThrows(IOException.class, () -> VecFiles.readFvecs(empty));
  }

  @Test
  void writerRejectsTooShortArrays() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VecFiles.writeFvecs(dir.resolve("x.fvecs"), new float[5], 3, 2));
    assertTrue(e.getMessage().contains("3 rows of dimension 2 need 6 components"), e.getMessage());
  }
}
