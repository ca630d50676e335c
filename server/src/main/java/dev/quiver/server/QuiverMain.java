package dev.quiver.server;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of {@code quiver.jar} and of the {@code ./quiver} launcher: dispatches a subcommand.
 *
 * <p>{@code demo} and {@code bench} live in the bench module, which this module does not compile against (the module
 * arrows of ARCHITECTURE.md): they are packaged into the jar and reached by class name.
 */
public final class QuiverMain {

  private static final String USAGE = """
      Usage: quiver <command> [options]

      Commands:
        demo                 build an IVF index on generated clustered data, run queries, print recall and latency
        bench ivf            recall, QPS and latency of the IVF index against Faiss IVF-Flat and Lucene HNSW
        bench kernels        GB/s and GFLOP/s of the distance kernels, and the memory-sweep ceiling
        bench prepare NAME   prepare a dataset: fmnist, wordnet-minilm, gen:N:D[:seed]
        version              print the version
        help                 print this text

      From a source checkout, './quiver test' runs the test suite and './quiver build' builds this jar.
      Run the jar with: java --add-modules jdk.incubator.vector -jar quiver.jar <command>
      """;

  private QuiverMain() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status (0 success, 1 failure, 2 usage error). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      return switch (command) {
        case "demo" -> invoke("dev.quiver.bench.Demo", rest, out);
        case "bench" -> invoke("dev.quiver.bench.BenchMain", rest, out);
        case "version", "--version" -> {
          out.println("quiver " + version());
          yield 0;
        }
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        case "test", "build" -> {
          err.println("quiver: '" + command + "' runs from a source checkout: ./quiver " + command);
          yield 2;
        }
        default -> {
          err.println("quiver: unknown command '" + command + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println("quiver: " + e.getMessage());
      return 2;
    } catch (java.io.UncheckedIOException e) {
      // A dataset that is missing or unreadable: the message says which and how to prepare it.
      err.println("quiver: " + e.getMessage());
      return 1;
    }
  }

  static String version() {
    String version = QuiverMain.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  private static int invoke(String className, String[] args, PrintStream out) {
    Method run;
    try {
      run = Class.forName(className).getMethod("run", String[].class, PrintStream.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(className + " is missing from this jar; rebuild it with ./quiver build", e);
    }
    try {
      return (Integer) run.invoke(null, args, out);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(className + " failed", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(className + ".run is not accessible", e);
    }
  }
}
