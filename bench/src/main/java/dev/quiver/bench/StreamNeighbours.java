package dev.quiver.bench;

import dev.quiver.bench.aps.BatchThroughput;
import dev.quiver.index.kernel.VectorKernels;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * What a partition scan from memory keeps of its speed when other threads work beside it: the scan alone, beside
 * {@code threads − 1} threads doing the same scan, and beside {@code threads − 1} threads scoring a block that stays
 * in cache (a centroid pass). Both are the L2 bulk kernel; only where the bytes come from differs.
 *
 * <p>Why it is measured: two threads on one query scan its partitions at the same time, so they share the memory
 * bandwidth for the whole scan, while independent queries on two threads are usually in different phases, one
 * thread's centroid pass (in cache) beside the other's scan (from memory). This tells the two apart on the machine
 * at hand (bench/RESULTS.md, issue 3).
 *
 * @param dim floats per row
 * @param threads threads at work in the shared cases
 * @param scanAlone GB/s of one thread scanning random partition-sized blocks alone
 * @param scanBesideScan GB/s of one of {@code threads} threads all scanning so
 * @param scanBesideCache GB/s of the scan with {@code threads − 1} threads scoring the cache-resident block
 * @param cacheAlone GB/s of the cache-resident pass alone
 * @param rounds timed rounds; each figure is the median over rounds
 */
record StreamNeighbours(int dim, int threads, double scanAlone, double scanBesideScan, double scanBesideCache,
    double cacheAlone, int rounds) {

  /** A partition's bytes: 128 KiB, one partition of 1M × 128 at nlist 4,000 (250 rows). */
  static final int PARTITION_BYTES = 128 * 1024;
  /** The cache-resident block: 2 MiB, the 4,000 centroids of 1M × 128. */
  static final int CACHE_BLOCK_BYTES = 2 * 1024 * 1024;
  /** Partitions per unit of scan work: about one query's at recall 0.9 on 1M × 128. */
  static final int PARTITIONS_PER_UNIT = 48;
  static final int ROUNDS = 5;
  /** Length of one timed measurement, in nanoseconds. */
  static final long MEASURE_NANOS = 300_000_000L;

  /** Measures on {@code stream} (far larger than any cache) and a fresh cache-sized block, {@code threads} ≥ 2. */
  static StreamNeighbours measure(float[] stream, int dim, int threads) {
    if (threads < 2) {
      throw new IllegalArgumentException("threads: must be at least 2, was " + threads);
    }
    SplittableRandom random = new SplittableRandom(11);
    float[] cache = new float[CACHE_BLOCK_BYTES / Float.BYTES];
    for (int i = 0; i < cache.length; i++) {
      cache[i] = (float) random.nextDouble();
    }
    float[] query = new float[dim];
    for (int i = 0; i < dim; i++) {
      query[i] = (float) random.nextDouble();
    }
    Work scan = new Scan(stream, dim, query);
    Work cached = new CachePass(cache, dim, query);
    timed(scan, scan, 1); // warm-up: the Vector API is slow until C2 has compiled the kernel
    timed(cached, cached, 1);
    double[][] figures = new double[4][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      figures[0][round] = timed(scan, null, 0);
      figures[1][round] = timed(scan, scan, threads - 1);
      figures[2][round] = timed(scan, cached, threads - 1);
      figures[3][round] = timed(cached, null, 0);
    }
    return new StreamNeighbours(dim, threads, BatchThroughput.median(figures[0]), BatchThroughput.median(figures[1]),
        BatchThroughput.median(figures[2]), BatchThroughput.median(figures[3]), ROUNDS);
  }

  /** The line {@code bench kernels} prints. */
  String describe() {
    return String.format(Locale.ROOT, "d=%d, %d threads: partition scans from memory %.1f GB/s alone, %.1f GB/s "
        + "each beside %d more (all together %.2fx one), %.1f GB/s beside %d scoring a cache-resident 2 MiB block "
        + "(%.0f GB/s alone); medians of %d rounds", dim, threads, scanAlone, scanBesideScan, threads - 1,
        threads * scanBesideScan / scanAlone, scanBesideCache, threads - 1, cacheAlone, rounds);
  }

  /** One JSON object, as {@code bench kernels --json} prints it. */
  String toJson() {
    return String.format(Locale.ROOT, "{\"kernel\":\"l2-neighbours\",\"dim\":%d,\"threads\":%d,"
        + "\"scan_alone_gb_per_s\":%.2f,\"scan_beside_scans_gb_per_s\":%.2f,\"scan_beside_cache_gb_per_s\":%.2f,"
        + "\"cache_alone_gb_per_s\":%.2f}", dim, threads, scanAlone, scanBesideScan, scanBesideCache, cacheAlone);
  }

  /** GB/s of {@code measured} on this thread for {@link #MEASURE_NANOS} while {@code partners} threads run that. */
  private static double timed(Work measured, Work partner, int partners) {
    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch started = new CountDownLatch(partners);
    Thread[] running = new Thread[partners];
    for (int p = 0; p < partners; p++) {
      long seed = 1_000 + p;
      running[p] = new Thread(() -> {
        started.countDown();
        for (long unit = seed; !stop.get(); unit += partners + 1) {
          partner.run(unit);
        }
      }, "bench-neighbour");
      running[p].setDaemon(true);
      running[p].start();
    }
    try {
      started.await();
      long bytes = 0;
      long start = System.nanoTime();
      long elapsed;
      long unit = 0;
      do {
        bytes += measured.run(unit++);
        elapsed = System.nanoTime() - start;
      } while (elapsed < MEASURE_NANOS);
      return bytes / (elapsed / 1e9) / 1e9;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing", e);
    } finally {
      stop.set(true);
      for (Thread t : running) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** One unit of work, numbered so that every thread reads its own sequence of blocks; returns bytes read. */
  private interface Work {
    long run(long unit);
  }

  /** {@link #PARTITIONS_PER_UNIT} partition-sized blocks at random row offsets of the stream, as a query scans. */
  private record Scan(float[] stream, int dim, float[] query, float[] out, int rows) implements Work {
    Scan(float[] stream, int dim, float[] query) {
      this(stream, dim, query, new float[Math.max(1, PARTITION_BYTES / (dim * Float.BYTES))],
          Math.max(1, PARTITION_BYTES / (dim * Float.BYTES)));
    }

    @Override
    public long run(long unit) {
      SplittableRandom random = new SplittableRandom(unit);
      int blocks = stream.length / dim / rows;
      for (int p = 0; p < PARTITIONS_PER_UNIT; p++) {
        VectorKernels.squaredL2Bulk(query, stream, random.nextInt(blocks) * rows, rows, out);
      }
      return (long) PARTITIONS_PER_UNIT * rows * dim * Float.BYTES;
    }
  }

  /** One pass over the cache-resident block, in ranges of 1,000 rows as a split centroid pass scores them. */
  private record CachePass(float[] block, int dim, float[] query, float[] out) implements Work {
    CachePass(float[] block, int dim, float[] query) {
      this(block, dim, query, new float[1_000]);
    }

    @Override
    public long run(long unit) {
      int rows = block.length / dim;
      for (int from = 0; from < rows; from += out.length) {
        VectorKernels.squaredL2Bulk(query, block, from, Math.min(out.length, rows - from), out);
      }
      return (long) rows * dim * Float.BYTES;
    }
  }
}
