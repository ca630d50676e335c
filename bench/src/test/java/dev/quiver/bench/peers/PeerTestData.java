package dev.quiver.bench.peers;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Small seeded data sets with exact ground truth computed by brute force, for the peer tests.
 *
 * @param dim components per vector
 * @param base {@code n × dim} row-major
 * @param n base vectors
 * @param queries {@code nq × dim} row-major
 * @param nq queries
 * @param groundTruth {@code nq × depth} base row indices, nearest first
 * @param depth neighbours per query in {@code groundTruth}
 */
record PeerTestData(int dim, float[] base, int n, float[] queries, int nq, int[] groundTruth, int depth) {

  /** Gaussian vectors (unit vectors for COSINE) and their exact {@code depth} nearest neighbours under metric. */
  static PeerTestData random(long seed, int n, int nq, int dim, int depth, Metric metric) {
    Random random = new Random(seed);
    float[] base = gaussian(random, n, dim, metric.normalizes());
    float[] queries = gaussian(random, nq, dim, metric.normalizes());
    int[] gt = new int[nq * depth];
    for (int q = 0; q < nq; q++) {
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        score[i] = score(metric, base, i, queries, q, dim);
      }
      // Ties (not expected with Gaussian data) go to the lower row index.
      int[] order = IntStream.range(0, n).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> score[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).limit(depth).toArray();
      System.arraycopy(order, 0, gt, q * depth, depth);
    }
    return new PeerTestData(dim, base, n, queries, nq, gt, depth);
  }

  /** Smaller is nearer: squared L2, or the negated inner product. */
  private static double score(Metric metric, float[] base, int i, float[] queries, int q, int dim) {
    double sum = 0;
    for (int j = 0; j < dim; j++) {
      float a = base[i * dim + j];
      float b = queries[q * dim + j];
      sum += metric == Metric.L2 ? (double) (a - b) * (a - b) : -(double) a * b;
    }
    return sum;
  }

  private static float[] gaussian(Random random, int rows, int dim, boolean normalise) {
    float[] out = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      double norm2 = 0;
      for (int j = 0; j < dim; j++) {
        out[r * dim + j] = (float) random.nextGaussian();
        norm2 += out[r * dim + j] * out[r * dim + j];
      }
      if (normalise) {
        float inv = (float) (1 / Math.sqrt(norm2));
        for (int j = 0; j < dim; j++) {
          out[r * dim + j] *= inv;
        }
      }
    }
    return out;
  }

  /** Writes {@code base.fvecs}, {@code query.fvecs} and {@code groundtruth.ivecs} into {@code dir}. */
  void write(Path dir) throws IOException {
    writeRows(dir.resolve("base.fvecs"), base, null, dim);
    writeRows(dir.resolve("query.fvecs"), queries, null, dim);
    writeRows(dir.resolve("groundtruth.ivecs"), null, groundTruth, depth);
  }

  /** TEXMEX layout: per row a little-endian int32 dimension, then the components. */
  private static void writeRows(Path file, float[] floats, int[] ints, int width) throws IOException {
    int length = floats != null ? floats.length : ints.length;
    ByteBuffer buffer = ByteBuffer.allocate((length / width) * (width + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < length / width; r++) {
      buffer.putInt(width);
      for (int j = 0; j < width; j++) {
        if (floats != null) {
          buffer.putFloat(floats[r * width + j]);
        } else {
          buffer.putInt(ints[r * width + j]);
        }
      }
    }
    Files.write(file, buffer.array());
  }
}
