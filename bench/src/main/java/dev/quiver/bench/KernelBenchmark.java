package dev.quiver.bench;

import dev.quiver.bench.cli.CommandOptions;
import dev.quiver.index.kernel.DistanceKernels;
import dev.quiver.index.kernel.VectorKernels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code quiver bench kernels}: throughput of each distance kernel, Vector API and scalar, in GB/s of vector bytes
 * read and GFLOP/s, at d = 128, 384, 784, over a block that stays in cache (compute-bound: the kernels' own speed)
 * and over a streaming block of about 512 MiB (memory-bound: what a flat scan of 1M × 128 meets), next to a plain
 * Vector API sum over the same streaming bytes, the read bandwidth ceiling on this machine.
 */
public final class KernelBenchmark {

  private static final int[] DIMENSIONS = {128, 384, 784};
  /** In-cache block: 256 KiB of rows, about one core's L2. */
  private static final int CACHE_BYTES = 256 * 1024;
  /** Streaming block: 512 MiB, far beyond any cache; exactly 1M × 128 floats. */
  private static final long STREAM_BYTES = 512L * 1024 * 1024;
  /** Must be a static final: the Vector API only compiles to SIMD instructions when the species is a constant. */
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final double MIN_SECONDS = 1.0;
  private static final double WARMUP_SECONDS = 1.5;

  private KernelBenchmark() {}

  /** Runs the benchmark; returns the process exit code. */
  public static int run(String[] args, PrintStream out) {
    CommandOptions options = CommandOptions.parse("bench kernels", args, Set.of("dims", "threads"), Set.of("json"));
    int[] dims = options.getIntList("dims", DIMENSIONS);
    int threads = options.getInt("threads", Runtime.getRuntime().availableProcessors());
    if (threads < 1) {
      throw new IllegalArgumentException("bench kernels: --threads must be at least 1, got " + threads);
    }
    boolean json = options.flag("json");
    List<Row> rows = new ArrayList<>();
    List<StreamNeighbours> neighbours = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int dim : dims) {
      int streamRows = (int) (STREAM_BYTES / ((long) dim * Float.BYTES));
      float[] stream = randomFloats(random, streamRows * dim);
      float[] cache = randomFloats(random, Math.max(4, CACHE_BYTES / (dim * Float.BYTES)) * dim);
      float[] query = randomFloats(random, dim);
      for (String impl : new String[] {"panama", "scalar"}) {
        DistanceKernels kernels = VectorKernels.implementation(impl);
        for (String kernel : new String[] {"l2", "dot"}) {
          rows.add(measure(kernels, kernel, dim, query, cache, "cache"));
          rows.add(measure(kernels, kernel, dim, query, stream, "stream"));
        }
      }
      rows.add(memorySweep(stream, dim));
      if (threads > 1) {
        neighbours.add(StreamNeighbours.measure(stream, dim, threads));
      }
    }
    if (json) {
      rows.forEach(r -> out.println(r.toJson()));
      neighbours.forEach(n -> out.println(n.toJson()));
    } else {
      out.println("| kernel | impl | d | data | GB/s | GFLOP/s |");
      out.println("|---|---|---:|---|---:|---:|");
      rows.forEach(r -> out.println(r.toMarkdown()));
      printRatios(rows, out);
      neighbours.forEach(n -> out.println(n.describe()));
    }
    return 0;
  }

  private static void printRatios(List<Row> rows, PrintStream out) {
    out.println();
    for (int dim : DIMENSIONS) {
      Row panama = find(rows, "l2", "panama", dim, "cache");
      Row scalar = find(rows, "l2", "scalar", dim, "cache");
      Row scan = find(rows, "l2", "panama", dim, "stream");
      Row sweep = find(rows, "sweep", "panama", dim, "stream");
      if (panama != null && scalar != null && scan != null && sweep != null) {
        out.printf(Locale.ROOT, "d=%d: Vector API / scalar L2 (in cache) = %.2fx; streaming L2 scan at %.0f%% of "
            + "the memory sweep%n", dim, panama.gbPerSecond / scalar.gbPerSecond,
            100 * scan.gbPerSecond / sweep.gbPerSecond);
      }
    }
  }

  private static Row find(List<Row> rows, String kernel, String impl, int dim, String data) {
    for (Row r : rows) {
      if (r.kernel.equals(kernel) && r.impl.equals(impl) && r.dim == dim && r.data.equals(data)) {
        return r;
      }
    }
    return null;
  }

  private static Row measure(DistanceKernels kernels, String kernel, int dim, float[] query, float[] block,
      String data) {
    int rows = block.length / dim;
    float[] out = new float[Math.min(rows, 4096)];
    boolean l2 = kernel.equals("l2");
    Runnable pass = () -> {
      for (int start = 0; start < rows; start += out.length) {
        int n = Math.min(out.length, rows - start);
        if (l2) {
          kernels.squaredL2Bulk(query, block, start, n, dim, out);
        } else {
          kernels.dotBulk(query, block, start, n, dim, out);
        }
      }
    };
    double seconds = timePerPass(pass);
    double bytes = (double) rows * dim * Float.BYTES;
    double flops = (double) rows * dim * (l2 ? 3 : 2);
    return new Row(kernel, kernels.name(), dim, data, bytes / seconds / 1e9, flops / seconds / 1e9);
  }

  private static Row memorySweep(float[] block, int dim) {
    float[] sink = new float[1];
    Runnable pass = () -> {
      // Four independent accumulators, so add latency never limits the read rate.
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      int lanes = SPECIES.length();
      int bound = block.length - 4 * lanes;
      int i = 0;
      for (; i <= bound; i += 4 * lanes) {
        a0 = a0.add(FloatVector.fromArray(SPECIES, block, i));
        a1 = a1.add(FloatVector.fromArray(SPECIES, block, i + lanes));
        a2 = a2.add(FloatVector.fromArray(SPECIES, block, i + 2 * lanes));
        a3 = a3.add(FloatVector.fromArray(SPECIES, block, i + 3 * lanes));
      }
      sink[0] += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    };
    double seconds = timePerPass(pass);
    double bytes = (double) block.length * Float.BYTES;
    return new Row("sweep", "panama", dim, "stream", bytes / seconds / 1e9, block.length / seconds / 1e9);
  }

  /**
   * Seconds per pass: warm up for {@value #WARMUP_SECONDS} s (Vector API code is very slow until C2 has compiled
   * it, which takes thousands of calls), then the best of five timed rounds of at least {@value #MIN_SECONDS}/5 s.
   */
  private static double timePerPass(Runnable pass) {
    long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
    int warmupPasses = 0;
    while (warmupPasses < 3 || System.nanoTime() < warmupEnd) {
      pass.run();
      warmupPasses++;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 5; round++) {
      int passes = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        pass.run();
        passes++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < MIN_SECONDS * 1e9 / 5);
      best = Math.min(best, elapsed / 1e9 / passes);
    }
    return best;
  }

  private static float[] randomFloats(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble();
    }
    return v;
  }

  private record Row(String kernel, String impl, int dim, String data, double gbPerSecond, double gflops) {
    String toJson() {
      return String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"impl\":\"%s\",\"dim\":%d,\"data\":\"%s\","
          + "\"gb_per_s\":%.2f,\"gflop_per_s\":%.2f}", kernel, impl, dim, data, gbPerSecond, gflops);
    }

    String toMarkdown() {
      return String.format(Locale.ROOT, "| %s | %s | %d | %s | %.2f | %.2f |", kernel, impl, dim, data, gbPerSecond,
          gflops);
    }
  }
}
