package dev.quiver.bench.data;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes the TEXMEX vector formats used by the ANN benchmarks (SIFT1M, GIST1M, …) and by Faiss:
 * {@code .fvecs} (float32), {@code .ivecs} (int32) and {@code .bvecs} (uint8).
 *
 * <p>Each row is little-endian: an int32 dimension, then that many components. Every row must repeat the dimension
 * of the first; a file that is not a whole number of rows, or whose rows disagree, is rejected with an
 * {@link IOException} that names the file and the row. Files are read with one {@link FileChannel} in chunks of
 * about {@value #CHUNK_BYTES} bytes into a direct buffer and copied row by row into one flat row-major array, so
 * a 1M × 128 fvecs file (512 MB) loads in about a second once it is in the page cache.
 *
 * <p>Writers write to a sibling {@code .part} file and rename it into place, so a crash never leaves a truncated
 * file under the final name.
 */
public final class VecFiles {

  /** Bytes read or written per I/O call: big enough to amortise system calls, small enough to stay in cache. */
  static final int CHUNK_BYTES = 16 << 20;
  /** Largest Java array the JVM reliably allocates (a few header words below {@code Integer.MAX_VALUE}). */
  static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;
  /** Largest dimension accepted; anything larger in a header means the file is not in this format. */
  static final int MAX_DIM = 1 << 20;

  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Component type of a format: its width in bytes and its usual file extension. */
  private enum Format {
    FVECS(4, "fvecs"), IVECS(4, "ivecs"), BVECS(1, "bvecs");

    final int bytes;
    final String extension;

    Format(int bytes, String extension) {
      this.bytes = bytes;
      this.extension = extension;
    }
  }

  private VecFiles() {}

  /** Reads every row of an fvecs file. */
  public static FloatRows readFvecs(Path file) throws IOException {
    return readFvecs(file, Integer.MAX_VALUE);
  }

  /** Reads the first {@code maxRows} rows of an fvecs file (all of them if it has fewer). */
  public static FloatRows readFvecs(Path file, int maxRows) throws IOException {
    return (FloatRows) read(file, Format.FVECS, maxRows);
  }

  /** Reads every row of an ivecs file. */
  public static IntRows readIvecs(Path file) throws IOException {
    return readIvecs(file, Integer.MAX_VALUE);
  }

  /** Reads the first {@code maxRows} rows of an ivecs file (all of them if it has fewer). */
  public static IntRows readIvecs(Path file, int maxRows) throws IOException {
    return (IntRows) read(file, Format.IVECS, maxRows);
  }

  /** Reads every row of a bvecs file, each unsigned byte becoming a float in [0, 255]. */
  public static FloatRows readBvecs(Path file) throws IOException {
    return readBvecs(file, Integer.MAX_VALUE);
  }

  /** Reads the first {@code maxRows} rows of a bvecs file as floats in [0, 255]. */
  public static FloatRows readBvecs(Path file, int maxRows) throws IOException {
    return (FloatRows) read(file, Format.BVECS, maxRows);
  }

  /** Reads an fvecs or bvecs file, chosen by its extension. */
  public static FloatRows readFloatRows(Path file, int maxRows) throws IOException {
    return file.getFileName().toString().endsWith(".bvecs") ? readBvecs(file, maxRows) : readFvecs(file, maxRows);
  }

  /** Number of rows of an fvecs file, from its size and first header, without reading the rows. */
  public static long fvecsRowCount(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int dim = headerDim(channel, file, Format.FVECS);
      return rowCount(channel.size(), dim, file, Format.FVECS);
    }
  }

  /** Writes {@code rows} as an fvecs file. */
  public static void writeFvecs(Path file, FloatRows rows) throws IOException {
    writeFvecs(file, rows.values(), rows.count(), rows.dim());
  }

  /** Writes the first {@code count} rows of the row-major {@code values} as an fvecs file. */
  public static void writeFvecs(Path file, float[] values, int count, int dim) throws IOException {
    checkWrite(values.length, count, dim);
    write(file, Format.FVECS, values, count, dim);
  }

  /** Writes the first {@code count} rows of the row-major {@code values} as an ivecs file. */
  public static void writeIvecs(Path file, int[] values, int count, int dim) throws IOException {
    checkWrite(values.length, count, dim);
    write(file, Format.IVECS, values, count, dim);
  }

  /** Writes the first {@code count} rows of the row-major unsigned bytes {@code values} as a bvecs file. */
  public static void writeBvecs(Path file, byte[] values, int count, int dim) throws IOException {
    checkWrite(values.length, count, dim);
    write(file, Format.BVECS, values, count, dim);
  }

  private static Object read(Path file, Format format, int maxRows) throws IOException {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows: must be >= 0, was " + maxRows);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int dim = headerDim(channel, file, format);
      long rowBytes = rowBytes(dim, format);
      int rows = (int) Math.min(rowCount(channel.size(), dim, file, format), maxRows);
      long components = (long) rows * dim;
      if (components > MAX_ARRAY_LENGTH) {
        throw new IOException(file + ": " + rows + " rows × " + dim + " = " + components
            + " components do not fit one Java array (at most " + MAX_ARRAY_LENGTH + "); read a prefix with maxRows");
      }
      Object array = format == Format.IVECS ? new int[(int) components] : new float[(int) components];
      int rowsPerChunk = (int) Math.max(1, CHUNK_BYTES / rowBytes);
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) (Math.min(rowsPerChunk, Math.max(rows, 1)) * rowBytes));
      MemorySegment segment = MemorySegment.ofBuffer(buffer);
      for (int first = 0; first < rows; ) {
        int n = Math.min(rowsPerChunk, rows - first);
        buffer.clear().limit((int) (n * rowBytes));
        readFully(channel, buffer, first * rowBytes, file, first);
        copyRows(segment, n, rowBytes, dim, format, array, first, file);
        first += n;
      }
      return format == Format.IVECS
          ? new IntRows((int[]) array, rows, dim)
          : new FloatRows((float[]) array, rows, dim);
    }
  }

  /** Checks each row's dimension header and copies its components into {@code array} at row {@code first + i}. */
  private static void copyRows(MemorySegment chunk, int n, long rowBytes, int dim, Format format, Object array,
      int first, Path file) throws IOException {
    for (int i = 0; i < n; i++) {
      long offset = i * rowBytes;
      int rowDim = chunk.get(INT_LE, offset);
      if (rowDim != dim) {
        throw new IOException(file + ": row " + (first + i) + " has dimension " + rowDim + ", but row 0 has " + dim
            + "; every row of a " + format.extension + " file must have the same dimension");
      }
      int target = (first + i) * dim;
      switch (format) {
        case FVECS -> MemorySegment.copy(chunk, FLOAT_LE, offset + 4, array, target, dim);
        case IVECS -> MemorySegment.copy(chunk, INT_LE, offset + 4, array, target, dim);
        case BVECS -> {
          float[] floats = (float[]) array;
          for (int j = 0; j < dim; j++) {
            floats[target + j] = Byte.toUnsignedInt(chunk.get(ValueLayout.JAVA_BYTE, offset + 4 + j));
          }
        }
      }
    }
  }

  private static void write(Path file, Format format, Object array, int count, int dim) throws IOException {
    long rowBytes = rowBytes(dim, format);
    int rowsPerChunk = (int) Math.max(1, CHUNK_BYTES / rowBytes);
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) (Math.min(rowsPerChunk, Math.max(count, 1)) * rowBytes));
    MemorySegment segment = MemorySegment.ofBuffer(buffer);
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int first = 0; first < count; ) {
        int n = Math.min(rowsPerChunk, count - first);
        for (int i = 0; i < n; i++) {
          long offset = i * rowBytes;
          int source = (first + i) * dim;
          segment.set(INT_LE, offset, dim);
          switch (format) {
            case FVECS -> MemorySegment.copy(array, source, segment, FLOAT_LE, offset + 4, dim);
            case IVECS -> MemorySegment.copy(array, source, segment, INT_LE, offset + 4, dim);
            case BVECS -> MemorySegment.copy(array, source, segment, ValueLayout.JAVA_BYTE, offset + 4, dim);
          }
        }
        buffer.clear().limit((int) (n * rowBytes));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        first += n;
      }
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw new IOException(file + ": cannot write " + format.extension + " file: " + e.getMessage(), e);
    }
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static int headerDim(FileChannel channel, Path file, Format format) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    if (channel.size() < 4) {
      throw new IOException(file + ": " + channel.size() + " bytes is too short for a " + format.extension
          + " file (each row starts with a 4-byte dimension)");
    }
    readFully(channel, header, 0, file, 0);
    int dim = header.getInt(0);
    if (dim <= 0 || dim > MAX_DIM) {
      throw new IOException(file + ": row 0 has dimension " + dim + ", outside [1, " + MAX_DIM + "]; not a "
          + format.extension + " file, or not little-endian");
    }
    return dim;
  }

  private static long rowBytes(int dim, Format format) {
    return 4L + (long) dim * format.bytes;
  }

  private static long rowCount(long size, int dim, Path file, Format format) throws IOException {
    long rowBytes = rowBytes(dim, format);
    if (size % rowBytes != 0) {
      throw new IOException(file + ": size " + size + " bytes is not a whole number of rows of " + rowBytes
          + " bytes (dimension " + dim + " from row 0); the file is truncated or not a " + format.extension + " file");
    }
    return size / rowBytes;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file, long row)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException(file + ": unexpected end of file at byte " + at + " while reading row " + row);
      }
      at += read;
    }
    buffer.flip();
  }

  private static void checkWrite(int length, int count, int dim) {
    if (dim <= 0 || dim > MAX_DIM) {
      throw new IllegalArgumentException("dim: must be in [1, " + MAX_DIM + "], was " + dim);
    }
    if (count < 0 || (long) count * dim > length) {
      throw new IllegalArgumentException("count: " + count + " rows of dimension " + dim + " need "
          + (long) count * dim + " components, the array holds " + length);
    }
  }
}
