package dev.quiver.bench.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed dataset spec, as users write it after {@code --dataset} or {@code bench prepare}.
 *
 * <ul>
 *   <li>{@code fmnist}, {@code wordnet-minilm}: a {@linkplain KnownDataset known dataset}, prepared once from a
 *       Debian package;
 *   <li>{@code gen:N:D[:seed]}: {@code N} vectors of dimension {@code D} from {@link ClusteredGenerator} with default
 *       parameters and the given seed (default {@value Generated#DEFAULT_SEED}); {@code N} may end in {@code k} or
 *       {@code m} (thousands, millions), e.g. {@code gen:1m:128};
 *   <li>anything ending in {@code .fvecs} or {@code .bvecs}: the base file of a dataset in TEXMEX layout, see
 *       {@link DatasetFiles#besideBase}.
 * </ul>
 */
public sealed interface DatasetSpec {

  /** Text of the spec grammar, for error and usage messages. */
  String SYNTAX = "fmnist, wordnet-minilm, gen:N:D[:seed] (e.g. gen:1000000:128) or a path to an .fvecs file";

  /** Directory name of this dataset under the data root (a {@link VectorFile} lives wherever its path says). */
  String directoryName();

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException naming the spec and the part that is wrong, with the accepted syntax
   */
  static DatasetSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("dataset spec: is empty; use " + SYNTAX);
    }
    String s = spec.trim();
    for (KnownDataset known : KnownDataset.values()) {
      if (known.specName().equalsIgnoreCase(s)) {
        return new Known(known);
      }
    }
    if (s.toLowerCase(Locale.ROOT).startsWith("gen:")) {
      return Generated.parse(s);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".fvecs") || lower.endsWith(".bvecs")) {
      return new VectorFile(Path.of(s));
    }
    throw new IllegalArgumentException("dataset spec '" + spec + "': unknown dataset; use " + SYNTAX);
  }

  /** A real dataset prepared from a Debian package. */
  record Known(KnownDataset dataset) implements DatasetSpec {
    @Override
    public String directoryName() {
      return dataset.specName();
    }
  }

  /**
   * A generated Gaussian-mixture dataset.
   *
   * @param count base vectors, at least 1
   * @param dim components per vector, at least 1
   * @param seed generator seed
   */
  record Generated(int count, int dim, long seed) implements DatasetSpec {

    /** Seed used when the spec gives none. */
    public static final long DEFAULT_SEED = 42;

    /** Checks the sizes, naming the one that is wrong. */
    public Generated {
      // Reuses the generator's validation so that a spec that parses can always be generated.
      GeneratorParams.of(count, dim, seed);
    }

    /** {@code gen-N-D-seed}. */
    @Override
    public String directoryName() {
      return "gen-" + count + "-" + dim + "-" + seed;
    }

    /** Generator parameters: the defaults of {@link GeneratorParams#of} for this size and seed. */
    public GeneratorParams params() {
      return GeneratorParams.of(count, dim, seed);
    }

    static Generated parse(String spec) {
      String[] parts = spec.split(":", -1);
      if (parts.length < 3 || parts.length > 4) {
        throw new IllegalArgumentException("dataset spec '" + spec
            + "': a generated dataset is gen:N:D[:seed], e.g. gen:1000000:128 or gen:1m:128:7");
      }
      int count = (int) number(spec, "N", parts[1], true, Integer.MAX_VALUE);
      int dim = (int) number(spec, "D", parts[2], false, VecFiles.MAX_DIM);
      long seed = parts.length == 4 ? seed(spec, parts[3]) : DEFAULT_SEED;
      try {
        return new Generated(count, dim, seed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("dataset spec '" + spec + "': " + e.getMessage(), e);
      }
    }

    private static long number(String spec, String name, String text, boolean suffixes, long max) {
      String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
      long scale = 1;
      if (suffixes && (t.endsWith("k") || t.endsWith("m"))) {
        scale = t.endsWith("k") ? 1_000 : 1_000_000;
        t = t.substring(0, t.length() - 1);
      }
      long value;
      try {
        value = Math.multiplyExact(Long.parseLong(t), scale);
      } catch (NumberFormatException | ArithmeticException e) {
        value = -1;
      }
      if (value < 1 || value > max) {
        throw new IllegalArgumentException("dataset spec '" + spec + "': " + name + " must be an integer in [1, "
            + max + "]" + (suffixes ? " (k and m suffixes allowed)" : "") + ", was '" + text + "'");
      }
      return value;
    }

    private static long seed(String spec, String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("dataset spec '" + spec + "': seed must be an integer, was '" + text
            + "'", e);
      }
    }
  }

  /**
   * A dataset given by the path of its base file.
   *
   * @param base the {@code .fvecs} or {@code .bvecs} base file
   */
  record VectorFile(Path base) implements DatasetSpec {
    /**
     * The base file name without its extension and a trailing {@code _base} ({@code sift} for
     * {@code sift_base.fvecs}), or the parent directory's name for a file called {@code base.fvecs}.
     */
    @Override
    public String directoryName() {
      String name = base.getFileName().toString();
      String stem = name.substring(0, name.lastIndexOf('.'));
      if (stem.equals("base")) {
        Path parent = base.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? stem : parent.getFileName().toString();
      }
      return stem.endsWith("_base") ? stem.substring(0, stem.length() - "_base".length()) : stem;
    }
  }
}
