package dev.quiver.bench.peers;

import dev.quiver.bench.report.SearchMeasurement;
import dev.quiver.index.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Benchmark peer that runs Faiss IVF-Flat on the same files, nlist and nprobes as Quiver's IVF, by starting
 * {@code faiss_ivf.py} under Debian's Python with Debian's {@code python3-faiss}.
 *
 * <p>The interpreter is {@value #DEFAULT_PYTHON}, not the first {@code python3} on the PATH (often a pyenv
 * interpreter without Faiss); {@code -D}{@value #PYTHON_PROPERTY}{@code =/path/to/python3} overrides it. When it
 * cannot {@code import faiss, numpy}, {@link #run} returns {@link Result#unavailable} with {@link #INSTALL_COMMAND}
 * as its message, so that the harness can skip the peer and tell the user the remedy.
 *
 * <p>The script is the classpath resource {@value #SCRIPT_RESOURCE} (one copy, and it works from the shaded jar);
 * each run writes it to a temporary file and deletes it afterwards. The script's stderr (its progress and any Python
 * traceback) goes straight to this process's stderr; its stdout is JSON lines, read by {@link FaissOutput}.
 */
public final class FaissIvfPeer {

  /** What to run when Faiss is missing (Debian/Ubuntu); the OpenBLAS variant makes Faiss's BLAS multi-threaded. */
  public static final String INSTALL_COMMAND = "sudo apt-get install python3-faiss libopenblas0-pthread";
  /** System property naming the Python interpreter to use instead of {@value #DEFAULT_PYTHON}. */
  public static final String PYTHON_PROPERTY = "quiver.faiss.python";
  /** Debian's system interpreter, the one {@code python3-faiss} installs into. */
  public static final String DEFAULT_PYTHON = "/usr/bin/python3";
  /** Classpath location of the script. */
  public static final String SCRIPT_RESOURCE = "/dev/quiver/bench/peers/faiss_ivf.py";
  /** Longest wait for {@code import faiss, numpy}, in s; a cold import takes about a second. */
  private static final long PROBE_TIMEOUT_SECONDS = 120;

  private FaissIvfPeer() {}

  /**
   * Outcome of one peer run.
   *
   * @param available whether Faiss could be run; when false only {@code message} is set
   * @param message why the peer was skipped ({@link FaissIvfPeer#INSTALL_COMMAND}), or empty
   * @param build build cost, or null when unavailable
   * @param measurements one row per nprobe that is at most nlist (the script skips larger ones), or empty
   */
  public record Result(boolean available, String message, FaissBuild build, List<SearchMeasurement> measurements) {

    /** A result saying that Faiss is not installed, with the command that installs it. */
    public static Result unavailable(String message) {
      return new Result(false, message, null, List.of());
    }
  }

  /**
   * Builds Faiss IVF-Flat over {@code base} and measures every nprobe, one query at a time on one search thread.
   *
   * @param base base vectors, {@code .fvecs}
   * @param query query vectors, {@code .fvecs}
   * @param groundTruth exact neighbours, {@code .ivecs}, base row indices nearest first, at least 10 per row
   * @param metric metric of the ground truth; {@code COSINE} vectors are normalised by the script as well
   * @param nlist partitions, positive
   * @param nprobes partitions to scan per query, each positive; values above nlist are skipped
   * @param k results per query, at least 10 (recall@10 is measured)
   * @param maxQueries use the first {@code maxQueries} queries, or all of them when 0
   * @throws IllegalStateException when the script fails (its traceback is on stderr)
   */
  public static Result run(Path base, Path query, Path groundTruth, Metric metric, int nlist, int[] nprobes, int k,
      int maxQueries) {
    List<String> arguments = arguments(base, query, groundTruth, metric, nlist, nprobes, k, maxQueries);
    Path python = python();
    if (!importsFaiss(python)) {
      return Result.unavailable(INSTALL_COMMAND);
    }
    Path script = null;
    try {
      script = extractScript();
      List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
      command.addAll(arguments);
      FaissOutput output = FaissOutput.parse(runScript(command));
      return new Result(true, "", output.build(), output.measurements());
    } catch (IOException e) {
      throw new UncheckedIOException("faiss peer: cannot run " + SCRIPT_RESOURCE + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(script);
    }
  }

  /** Whether the configured interpreter can import Faiss and numpy; the reason for a no goes to stderr. */
  public static boolean available() {
    return importsFaiss(python());
  }

  /** The interpreter: {@value #PYTHON_PROPERTY} if set, else {@value #DEFAULT_PYTHON}. */
  static Path python() {
    String configured = System.getProperty(PYTHON_PROPERTY);
    return Path.of(configured == null || configured.isBlank() ? DEFAULT_PYTHON : configured.strip());
  }

  /** The script's command-line arguments, after checking each value. */
  static List<String> arguments(Path base, Path query, Path groundTruth, Metric metric, int nlist, int[] nprobes,
      int k, int maxQueries) {
    if (nlist <= 0) {
      throw new IllegalArgumentException("nlist: must be positive, was " + nlist);
    }
    if (nprobes.length == 0 || IntStream.of(nprobes).anyMatch(p -> p <= 0)) {
      throw new IllegalArgumentException("nprobes: need at least one, all positive, was "
          + Arrays.toString(nprobes));
    }
    if (k < 10) {
      throw new IllegalArgumentException("k: must be at least 10 to measure recall@10, was " + k);
    }
    if (maxQueries < 0) {
      throw new IllegalArgumentException("maxQueries: must be 0 (all) or positive, was " + maxQueries);
    }
    String metricName = switch (metric) {
      case L2 -> "l2";
      case INNER_PRODUCT -> "ip";
      case COSINE -> "cosine";
    };
    return List.of("--base", base.toString(), "--query", query.toString(), "--gt", groundTruth.toString(),
        "--metric", metricName, "--nlist", Integer.toString(nlist),
        "--nprobe", IntStream.of(nprobes).mapToObj(Integer::toString).collect(Collectors.joining(",")),
        "--k", Integer.toString(k), "--queries", Integer.toString(maxQueries), "--threads", "1");
  }

  /** Copies the script resource to a new temporary file. */
  static Path extractScript() throws IOException {
    try (InputStream in = FaissIvfPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("faiss peer: resource " + SCRIPT_RESOURCE + " is missing from the classpath");
      }
      Path script = Files.createTempFile("quiver-faiss_ivf-", ".py");
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      return script;
    }
  }

  /** Runs {@code python -c "import faiss, numpy"}; prints why not to stderr when it fails. */
  static boolean importsFaiss(Path python) {
    if (!Files.isExecutable(python)) {
      progress("%s is not an executable file; faiss peer unavailable (install: %s)", python, INSTALL_COMMAND);
      return false;
    }
    try {
      Process process = new ProcessBuilder(python.toString(), "-c", "import faiss, numpy")
          .redirectErrorStream(true).start();
      process.getOutputStream().close();
      // Read before waiting, so that a chatty failure cannot block on a full pipe.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        progress("%s -c 'import faiss' did not finish in %d s; faiss peer unavailable", python,
            PROBE_TIMEOUT_SECONDS);
        return false;
      }
      if (process.exitValue() != 0) {
        progress("%s cannot import faiss (exit %d): %s; install: %s", python, process.exitValue(),
            lastLine(output), INSTALL_COMMAND);
        return false;
      }
      return true;
    } catch (IOException e) {
      progress("cannot start %s: %s; faiss peer unavailable", python, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the script with stderr passed through; returns its stdout lines, or throws if it exits non-zero. */
  private static List<String> runScript(List<String> command) throws IOException {
    progress("running %s", String.join(" ", command));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    process.getOutputStream().close();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    }
    int status;
    try {
      status = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("faiss peer: interrupted while waiting for faiss_ivf.py", e);
    }
    if (status != 0) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "faiss peer: faiss_ivf.py exited with status %d after %d output lines; its error output is above "
              + "(command: %s)", status, lines.size(), String.join(" ", command)));
    }
    return lines;
  }

  private static String lastLine(String text) {
    int newline = text.lastIndexOf('\n');
    return newline < 0 ? text : text.substring(newline + 1);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      progress("could not delete temporary script %s: %s", file, e.getMessage());
    }
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[faiss peer] " + format + "%n", args);
  }
}
