package dev.quiver.bench.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Generates synthetic vectors from a Gaussian mixture with Zipf-skewed cluster sizes and anisotropic clusters, for
 * benchmarks at sizes no public dataset on this machine reaches (up to 10M × 128).
 *
 * <p>The model, built once from the seed: cluster centres with independent standard normal components; for cluster
 * {@code c} and axis {@code j} a standard deviation {@code spread · anisotropy^u} with {@code u} uniform in
 * [-½, ½] (so per-axis deviations differ by at most the anisotropy factor and have geometric mean {@code spread});
 * cluster weights {@code 1 / (c + 1)^skew}. A vector picks a cluster by weight, then draws each component from
 * {@code N(centre, σ²)}. Clusters are axis-aligned ellipsoids: no rotation, which would cost {@code dim²} per
 * vector and matters little to partition-based indexes.
 *
 * <p>Reproducibility: rows are generated in fixed blocks of {@value #BLOCK_ROWS}, each from its own
 * {@link SplittableRandom} seeded by (seed, stream, block), so the output is the same whatever the thread count.
 * Base vectors and queries use different streams of the same seed: queries come from the same mixture but are not
 * copies of base vectors. Changing {@value #BLOCK_ROWS} or the stream numbers changes every generated dataset.
 */
public final class ClusteredGenerator {

  /** Rows per independently seeded block; part of the definition of the data, not a tuning knob. */
  static final int BLOCK_ROWS = 8_192;
  private static final long STREAM_MODEL = 0;
  private static final long STREAM_BASE = 1;
  private static final long STREAM_QUERIES = 2;

  private final GeneratorParams params;
  /** Cluster centres, {@code clusters × dim} row-major. */
  private final float[] centres;
  /** Per-cluster, per-axis standard deviations, {@code clusters × dim} row-major. */
  private final float[] sigmas;
  /** Cumulative cluster weights normalised to end at 1; {@code cumulative[c]} = P(cluster ≤ c). */
  private final double[] cumulative;

  /** Builds the mixture model of {@code params} (centres, deviations, weights); vectors are drawn on demand. */
  public ClusteredGenerator(GeneratorParams params) {
    this.params = params;
    int clusters = params.clusters();
    int dim = params.dim();
    SplittableRandom model = new SplittableRandom(streamSeed(params.seed(), STREAM_MODEL, 0));
    centres = new float[clusters * dim];
    sigmas = new float[clusters * dim];
    double logAnisotropy = Math.log(params.anisotropy());
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) model.nextGaussian();
      sigmas[i] = (float) (params.spread() * Math.exp((model.nextDouble() - 0.5) * logAnisotropy));
    }
    cumulative = new double[clusters];
    double sum = 0;
    for (int c = 0; c < clusters; c++) {
      sum += Math.pow(c + 1, -params.skew());
      cumulative[c] = sum;
    }
    for (int c = 0; c < clusters; c++) {
      cumulative[c] /= sum;
    }
    cumulative[clusters - 1] = 1.0; // guard against rounding leaving the last bucket unreachable
  }

  /** The parameters this generator was built with. */
  public GeneratorParams params() {
    return params;
  }

  /** Expected fraction of vectors in cluster {@code c} (its normalised Zipf weight). */
  public double clusterWeight(int c) {
    return c == 0 ? cumulative[0] : cumulative[c] - cumulative[c - 1];
  }

  /** The {@code count} base vectors, generated on all cores. */
  public FloatRows base() {
    return base(Runtime.getRuntime().availableProcessors());
  }

  /** The {@code count} base vectors, generated on {@code threads} threads; the result does not depend on them. */
  public FloatRows base(int threads) {
    return vectors(STREAM_BASE, params.count(), threads, ProgressReporter.SILENT);
  }

  /** The base vectors on all cores, reporting progress (vectors done) to {@code progress}. */
  public FloatRows base(ProgressReporter progress) {
    return vectors(STREAM_BASE, params.count(), Runtime.getRuntime().availableProcessors(), progress);
  }

  /** {@code count} query vectors from the same mixture on a separate random stream, on {@code threads} threads. */
  public FloatRows queries(int count, int threads) {
    return vectors(STREAM_QUERIES, count, threads, ProgressReporter.SILENT);
  }

  /** The cluster each base vector was drawn from, for tests and for locality-controlled workloads. */
  public int[] baseClusters() {
    int count = params.count();
    int[] labels = new int[count];
    forEachBlock(count, 1, block -> {
      SplittableRandom pick = new SplittableRandom(streamSeed(params.seed(), STREAM_BASE, 2L * block));
      int first = block * BLOCK_ROWS;
      int end = Math.min(count, first + BLOCK_ROWS);
      for (int row = first; row < end; row++) {
        labels[row] = pickCluster(pick);
      }
    });
    return labels;
  }

  private FloatRows vectors(long stream, int count, int threads, ProgressReporter progress) {
    if (count < 0) {
      throw new IllegalArgumentException("count: must be >= 0, was " + count);
    }
    int dim = params.dim();
    if ((long) count * dim > VecFiles.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("count × dim: " + count + " × " + dim + " do not fit one Java array");
    }
    float[] out = new float[count * dim];
    forEachBlock(count, threads, block -> {
      // Two generators per block, so that cluster labels can be replayed without drawing the components.
      SplittableRandom pick = new SplittableRandom(streamSeed(params.seed(), stream, 2L * block));
      SplittableRandom noise = new SplittableRandom(streamSeed(params.seed(), stream, 2L * block + 1));
      int first = block * BLOCK_ROWS;
      int end = Math.min(count, first + BLOCK_ROWS);
      for (int row = first; row < end; row++) {
        int c = pickCluster(pick);
        int at = row * dim;
        int model = c * dim;
        for (int j = 0; j < dim; j++) {
          out[at + j] = centres[model + j] + sigmas[model + j] * (float) noise.nextGaussian();
        }
      }
      progress.advance(end - first);
    });
    return new FloatRows(out, count, dim);
  }

  private int pickCluster(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    // binarySearch returns -(insertion point) - 1 when absent: the first cluster whose cumulative weight exceeds u.
    return Math.min(index >= 0 ? index + 1 : -index - 1, cumulative.length - 1);
  }

  /** Runs {@code work} for blocks {@code 0 .. ceil(count / BLOCK_ROWS)} on {@code threads} threads. */
  private static void forEachBlock(int count, int threads, IntConsumer work) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be at least 1, was " + threads);
    }
    int blocks = Math.ceilDiv(count, BLOCK_ROWS);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int b = next.getAndIncrement(); b < blocks && failure.get() == null; b = next.getAndIncrement()) {
        try {
          work.accept(b);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    };
    int workers = Math.min(threads, Math.max(blocks, 1));
    Thread[] pool = new Thread[workers - 1];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = Thread.ofPlatform().name("quiver-generator-" + i).start(worker);
    }
    worker.run(); // the caller is the last worker
    for (Thread t : pool) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("generator: interrupted while waiting for worker threads", e);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("generator: a worker failed: " + failure.get(), failure.get());
    }
  }

  /** SplitMix64-style mix of (seed, stream, block) into a well-spread seed, so neighbouring blocks are unrelated. */
  static long streamSeed(long seed, long stream, long block) {
    long z = seed ^ mix(stream * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L) ^ mix(block * 0xBF58476D1CE4E5B9L + 1);
    return mix(z);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
