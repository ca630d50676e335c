package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The {@code dataset.properties} file of a prepared dataset: what it is and how to compare its vectors.
 *
 * <p>Preparers write it last, after the vector and ground-truth files, so its presence means the directory is
 * complete; {@link DatasetLoader} refuses a directory without it.
 *
 * @param name dataset name, e.g. {@code fmnist} or {@code gen-1000000-128-42}
 * @param metric metric of the dataset; for {@code COSINE} the stored vectors are unit vectors
 * @param dim components per vector
 * @param baseCount rows of {@code base.fvecs}
 * @param queryCount rows of {@code query.fvecs}
 * @param source where the vectors came from, free text for people (package, model, generator parameters)
 * @param layout version of the preparer's layout of the files ({@code layout} key; 1 when absent, as files written
 *     before the key existed): a known dataset prepared with an older layout than {@link KnownDataset#layout()} is
 *     prepared again ({@link DatasetLoader} says so with the command)
 */
public record DatasetInfo(String name, Metric metric, int dim, int baseCount, int queryCount, String source,
    int layout) {

  /** A record of the first layout. */
  public DatasetInfo(String name, Metric metric, int dim, int baseCount, int queryCount, String source) {
    this(name, metric, dim, baseCount, queryCount, source, 1);
  }

  /** File name inside the dataset directory. */
  public static final String FILE_NAME = "dataset.properties";

  /** Reads {@code file}; a missing or malformed key is an {@link IOException} naming the file and key. */
  public static DatasetInfo read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    try {
      return new DatasetInfo(required(p, "name", file), Metric.parse(required(p, "metric", file)),
          Integer.parseInt(required(p, "dim", file)), Integer.parseInt(required(p, "base.count", file)),
          Integer.parseInt(required(p, "query.count", file)), p.getProperty("source", ""),
          Integer.parseInt(p.getProperty("layout", "1").trim()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes this record to {@code file}, via a temporary file renamed into place. */
  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("metric", metric.name().toLowerCase(java.util.Locale.ROOT));
    p.setProperty("dim", Integer.toString(dim));
    p.setProperty("base.count", Integer.toString(baseCount));
    p.setProperty("query.count", Integer.toString(queryCount));
    p.setProperty("source", source);
    p.setProperty("layout", Integer.toString(layout));
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (Writer writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      p.store(writer, "Quiver dataset; written by quiver bench prepare");
    }
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String required(Properties p, String key, Path file) throws IOException {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IOException(file + ": missing key '" + key + "'");
    }
    return value.trim();
  }
}
