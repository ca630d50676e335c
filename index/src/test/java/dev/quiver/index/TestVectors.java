package dev.quiver.index;

import dev.quiver.index.search.TopKCollector;
import java.util.SplittableRandom;

/** Seeded test data and a brute-force reference, independent of the code under test. */
public final class TestVectors {

  private TestVectors() {}

  /** {@code n × dim} points around {@code clusters} Gaussian centres spread over [-10, 10]^dim, unit spread. */
  public static float[] clustered(int n, int dim, int clusters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] centres = new float[clusters * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (random.nextDouble() * 20 - 10);
    }
    float[] points = new float[n * dim];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(clusters);
      for (int j = 0; j < dim; j++) {
        points[i * dim + j] = centres[c * dim + j] + (float) gaussian(random);
      }
    }
    return points;
  }

  /** Ids 0..n-1 as longs. */
  public static long[] sequentialIds(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  /** One row copied out of a row-major block. */
  public static float[] row(float[] points, int dim, int i) {
    float[] v = new float[dim];
    System.arraycopy(points, i * dim, v, 0, dim);
    return v;
  }

  /** Exact top-k ids by brute force in double precision, ties by smaller id. */
  public static long[] bruteForce(float[] points, long[] ids, int dim, float[] query, int k, Metric metric) {
    TopKCollector top = new TopKCollector(k);
    double queryNorm = norm(query, 0, dim);
    for (int i = 0; i < ids.length; i++) {
      double score;
      if (metric == Metric.L2) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
          double d = points[i * dim + j] - query[j];
          s += d * d;
        }
        score = s;
      } else {
        double dot = 0;
        for (int j = 0; j < dim; j++) {
          dot += points[i * dim + j] * query[j];
        }
        score = metric == Metric.COSINE ? -dot / (norm(points, i * dim, dim) * queryNorm) : -dot;
      }
      top.offer(ids[i], (float) score);
    }
    return top.sortedIds();
  }

  /** Fraction of {@code expected} found in {@code actual}. */
  public static double recall(long[] expected, long[] actual) {
    int hits = 0;
    for (long e : expected) {
      for (long a : actual) {
        if (a == e) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / expected.length;
  }

  private static double norm(float[] v, int offset, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      s += (double) v[offset + j] * v[offset + j];
    }
    return Math.sqrt(s);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
