package dev.quiver.bench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An array of unsigned bytes read from an IDX file, the format of MNIST and Fashion-MNIST, gzipped or not.
 *
 * <p>IDX layout (big-endian): two zero bytes, a type code ({@code 0x08} = unsigned byte, the only type accepted
 * here), the number of dimensions, one int32 size per dimension, then the data in row-major order. A gzip stream is
 * recognised by its magic bytes {@code 1f 8b}, whatever the file is called.
 *
 * @param shape size of each dimension, e.g. {@code [60000, 28, 28]} for the Fashion-MNIST training images
 * @param data the values, row-major, {@code product(shape)} long
 */
public record IdxFile(int[] shape, byte[] data) {

  /** IDX type code of unsigned bytes. */
  static final int UNSIGNED_BYTE = 0x08;

  /** Reads an unsigned-byte IDX file; errors name the file and what was wrong. */
  public static IdxFile read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try (DataInputStream in = new DataInputStream(
          new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
        return read(in, file);
      }
    }
  }

  private static IdxFile read(DataInputStream in, Path file) throws IOException {
    try {
      int zero1 = in.readUnsignedByte();
      int zero2 = in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int dims = in.readUnsignedByte();
      if (zero1 != 0 || zero2 != 0 || dims == 0) {
        throw new IOException(file + ": not an IDX file (magic " + String.format("%02x %02x %02x %02x", zero1, zero2,
            type, dims) + ", expected 00 00 08 nn)");
      }
      if (type != UNSIGNED_BYTE) {
        throw new IOException(file + ": IDX type 0x" + Integer.toHexString(type)
            + " is not supported; only unsigned bytes (0x08)");
      }
      int[] shape = new int[dims];
      long total = 1;
      for (int d = 0; d < dims; d++) {
        shape[d] = in.readInt();
        if (shape[d] < 0) {
          throw new IOException(file + ": dimension " + d + " has negative size " + shape[d]);
        }
        total *= shape[d];
        if (total > VecFiles.MAX_ARRAY_LENGTH) {
          throw new IOException(file + ": shape " + Arrays.toString(Arrays.copyOf(shape, d + 1))
              + " is too large for one array");
        }
      }
      byte[] data = new byte[(int) total];
      in.readFully(data);
      return new IdxFile(shape, data);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated IDX file (ends before its header or data is complete)", e);
    }
  }

  /** Number of items: the size of the first dimension. */
  public int count() {
    return shape[0];
  }

  /** Values per item: the product of every dimension after the first (784 for 28 × 28 images). */
  public int itemSize() {
    int size = 1;
    for (int d = 1; d < shape.length; d++) {
      size *= shape[d];
    }
    return size;
  }

  /** The items as float vectors, one per row, each unsigned byte becoming a float in [0, 255]. */
  public FloatRows toFloatRows() {
    float[] values = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      values[i] = Byte.toUnsignedInt(data[i]);
    }
    return new FloatRows(values, count(), itemSize());
  }
}
