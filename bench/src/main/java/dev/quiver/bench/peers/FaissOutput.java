package dev.quiver.bench.peers;

import dev.quiver.bench.report.SearchMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code faiss_ivf.py} printed on stdout: one build line ({@code "phase":"build"}) and then one line per
 * nprobe, each a flat JSON object (see the script's docstring for the fields).
 *
 * <p>Keys this class does not use (the script also reports e.g. {@code train_iterations} and {@code faiss_version})
 * are ignored, so the script can say more without breaking the reader; a missing key, a line that is not JSON, a
 * second build line or no build line at all is an error naming the line.
 *
 * @param build the build line
 * @param measurements the search lines, in the order printed
 */
record FaissOutput(FaissBuild build, List<SearchMeasurement> measurements) {

  /** Method name the script writes on every line. */
  static final String METHOD = "faiss-ivf-flat";

  /** Parses all stdout lines of one run; blank lines are skipped. */
  static FaissOutput parse(List<String> lines) {
    FaissBuild build = null;
    List<SearchMeasurement> measurements = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        Map<String, Object> object = FlatJson.parseObject(line);
        String method = string(object, "method");
        if (!METHOD.equals(method)) {
          throw new IllegalArgumentException("method: expected " + METHOD + ", was " + method);
        }
        if ("build".equals(object.get("phase"))) {
          if (build != null) {
            throw new IllegalArgumentException("a second build line");
          }
          build = new FaissBuild(integer(object, "nlist"), number(object, "train_s"), number(object, "add_s"),
              integer(object, "build_threads"));
        } else {
          measurements.add(new SearchMeasurement(METHOD, integer(object, "nlist"), integer(object, "nprobe"), "",
              number(object, "recall_at_10"), number(object, "qps"), number(object, "latency_p50_ms"),
              number(object, "latency_p99_ms")));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("faiss_ivf.py output line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (build == null) {
      throw new IllegalArgumentException("faiss_ivf.py output: no build line among " + lines.size() + " lines");
    }
    return new FaissOutput(build, List.copyOf(measurements));
  }

  private static Object require(Map<String, Object> object, String key) {
    Object value = object.get(key);
    if (value == null) {
      throw new IllegalArgumentException("key \"" + key + "\" missing or null");
    }
    return value;
  }

  private static String string(Map<String, Object> object, String key) {
    if (require(object, key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("\"" + key + "\": string expected, was " + object.get(key));
  }

  private static double number(Map<String, Object> object, String key) {
    if (require(object, key) instanceof Double d) {
      return d;
    }
    throw new IllegalArgumentException("\"" + key + "\": number expected, was " + object.get(key));
  }

  private static int integer(Map<String, Object> object, String key) {
    double d = number(object, key);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("\"" + key + "\": integer expected, was " + d);
    }
    return (int) d;
  }
}
