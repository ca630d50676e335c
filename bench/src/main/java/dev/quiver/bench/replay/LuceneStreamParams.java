package dev.quiver.bench.replay;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the {@value ReplayMethods#LUCENE} pseudo-policy, given as {@code --policy-option lucene-hnsw:key=value}
 * with the keys {@code m}, {@code beam} and {@code ef}.
 *
 * @param maxConn Lucene's {@code M}, positive; default {@value #DEFAULT_MAX_CONN} (Lucene's)
 * @param beamWidth Lucene's {@code beamWidth} (efConstruction), positive; default {@value #DEFAULT_BEAM_WIDTH}
 *     (Lucene's)
 * @param ef search width (efSearch) used for every query batch, ≥ 0; 0 (the default) calibrates it on the first
 *     query batch: the smallest width of {@link #CALIBRATION_WIDTHS} (in units of k) whose mean recall@k over that
 *     batch reaches the recall target
 */
public record LuceneStreamParams(int maxConn, int beamWidth, int ef) {

  /** Lucene's default {@code M}. */
  public static final int DEFAULT_MAX_CONN = 16;
  /** Lucene's default {@code beamWidth}. */
  public static final int DEFAULT_BEAM_WIDTH = 100;
  /** Search widths tried by the calibration, as multiples of k, in increasing order. */
  public static final double[] CALIBRATION_WIDTHS = {1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};
  private static final Set<String> KEYS = Set.of("m", "beam", "ef");

  /** Validates every component. */
  public LuceneStreamParams {
    if (maxConn < 1 || beamWidth < 1) {
      throw new IllegalArgumentException("m, beam: must be positive, were " + maxConn + ", " + beamWidth);
    }
    if (ef < 0) {
      throw new IllegalArgumentException("ef: must be 0 (calibrate on the first query batch) or positive, was "
          + ef);
    }
  }

  /**
   * Parses {@code m}, {@code beam} and {@code ef} from option text.
   *
   * @throws IllegalArgumentException naming an unknown key or a value that is not a whole number
   */
  public static LuceneStreamParams parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("option " + key + ": not an option of " + ReplayMethods.LUCENE
            + "; it accepts " + String.join(", ", new TreeSet<>(KEYS)));
      }
    }
    return new LuceneStreamParams(integer(options, "m", DEFAULT_MAX_CONN),
        integer(options, "beam", DEFAULT_BEAM_WIDTH), integer(options, "ef", 0));
  }

  /** The settings as a compact text, e.g. {@code m=16,beam=100,ef=40}. */
  public String describe(int chosenEf) {
    return String.format(Locale.ROOT, "m=%d,beam=%d,ef=%d%s", maxConn, beamWidth, chosenEf,
        ef == 0 ? " (calibrated)" : "");
  }

  private static int integer(Map<String, String> options, String key, int fallback) {
    String text = null;
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        text = e.getValue();
      }
    }
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + " of " + ReplayMethods.LUCENE + ": '" + text
          + "' is not a whole number", e);
    }
  }
}
