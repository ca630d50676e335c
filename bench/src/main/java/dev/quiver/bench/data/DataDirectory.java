package dev.quiver.bench.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the data root, the directory under which prepared datasets live ({@code <root>/fmnist},
 * {@code <root>/gen-1000000-128-42}, …). Library code takes the root as a parameter; only command-line entry points
 * call this to pick a default.
 *
 * <p>Order: an explicit {@code --data-dir}; else the environment variable {@value #ENV}; else {@code data/} under
 * the system property {@value #HOME_PROPERTY} (set by the launcher); else {@code data/} in the project root, found by
 * walking up from the working directory to the first directory holding
 * {@code bench/pom.xml}; else {@code data/} in the working directory. The project's {@code data/} is git-ignored:
 * datasets are never committed.
 */
public final class DataDirectory {

  /** Environment variable naming the data root. */
  public static final String ENV = "QUIVER_DATA_DIR";
  /** System property naming the Quiver installation or checkout, whose {@code data/} is the default root. */
  public static final String HOME_PROPERTY = "quiver.home";

  private DataDirectory() {}

  /** The data root for a command line: {@code explicit} when not null, else {@link #defaultRoot()}. */
  public static Path resolve(String explicit) {
    return explicit != null ? Path.of(explicit).toAbsolutePath().normalize() : defaultRoot();
  }

  /** {@code $QUIVER_DATA_DIR}, else {@code <quiver.home>/data}, else {@code <project root>/data}, else {@code data}. */
  public static Path defaultRoot() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return Path.of(home).resolve("data").toAbsolutePath().normalize();
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("bench").resolve("pom.xml"))) {
        return dir.resolve("data");
      }
    }
    return cwd.resolve("data");
  }
}
