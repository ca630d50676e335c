package dev.quiver.bench;

import dev.quiver.bench.data.PrepareCommand;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code quiver bench <name>}: dispatches to one benchmark or to dataset preparation. */
public final class BenchMain {

  private static final String USAGE = """
      Usage: quiver bench <benchmark> [options]
        ivf      --dataset D [--nlist N] [--nprobe 1,2,4,...] [--k 10] [--queries M] [--peers faiss,lucene|none]
                 [--build-threads T] [--data-dir DIR] [--json]
        aps      --dataset D [--targets 0.8,0.9,0.95,0.99] [--k 10] [--threads T] [--queries M] [--nlist N]
                 [--peers faiss|none] [--data-dir DIR] [--json]
        kernels  [--dims 128,384,784] [--threads T] [--json]
        sql      --dataset D [--queries M] [--filtered-queries F] [--recall 0.9] [--k 10] [--batch 1000]
                 [--data-dir DIR] [--json]
        rebuild  --dataset D [--queries M] [--recall 0.9] [--k 10] [--nlist N] [--rounds 3] [--data-dir DIR] [--json]
        workload --dataset D [--policy frozen,update,lire,ada-ivf,quake,rebuild,lucene-hnsw]
                 [--policy-option method:key=value ...] [--delta N] [--target-size 1000] [--recall 0.9]
                 [--s0 0.1] [--su 10000] [--rid inf] [--rrw 0.1] [--csf-u 1.0] [--csf-q F]
                 [--query-clusters H] [--queries-from dataset|clusters] [--clusters 100] [--steps 0] [--k 10]
                 [--seed 42] [--warmup 1000] [--sequential] [--repeat 1] [--data-dir DIR] [--json]
        prepare  fmnist | wordnet-minilm | gen:N:D[:seed] [--data-dir DIR]
      Datasets (--dataset): fmnist, wordnet-minilm, gen:N:D[:seed], or a path to an .fvecs file.
      """;

  private BenchMain() {}

  /** Runs a benchmark; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "ivf" -> IvfBenchmark.run(rest, out);
      case "aps" -> ApsBenchmark.run(rest, out);
      case "kernels" -> KernelBenchmark.run(rest, out);
      case "sql" -> SqlBenchmark.run(rest, out);
      case "rebuild" -> RebuildLatencyBenchmark.run(rest, out);
      case "workload" -> WorkloadBenchmark.run(rest, out);
      case "prepare" -> PrepareCommand.run(rest);
      default -> throw new IllegalArgumentException("bench: unknown benchmark '" + args[0] + "'\n" + USAGE);
    };
  }
}
