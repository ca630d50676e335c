package dev.quiver.functions;

/**
 * The text form of a vector, {@code [0.1, 0.2, 0.3]}, as pgvector writes and reads it: the portable way to pass a
 * vector through tools that only know strings.
 */
public final class VectorText {

  private VectorText() {}

  /**
   * Parses {@code [x1, x2, …]} (spaces allowed, at least one component).
   *
   * @throws SqlUserError 22P02 if the text is not a vector, 22000 if a component is NaN or infinite
   */
  public static float[] parse(String text) {
    String trimmed = text.strip();
    if (trimmed.length() < 2 || trimmed.charAt(0) != '[' || trimmed.charAt(trimmed.length() - 1) != ']') {
      throw malformed(text, "it must start with '[' and end with ']'");
    }
    String body = trimmed.substring(1, trimmed.length() - 1).strip();
    if (body.isEmpty()) {
      throw malformed(text, "a vector needs at least one component");
    }
    String[] parts = body.split(",", -1);
    float[] values = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      try {
        values[i] = Float.parseFloat(part);
      } catch (NumberFormatException e) {
        throw malformed(text, "component " + (i + 1) + " ('" + part + "') is not a number");
      }
      if (part.endsWith("f") || part.endsWith("F") || part.endsWith("d") || part.endsWith("D")) {
        throw malformed(text, "component " + (i + 1) + " ('" + part + "') is not a plain number");
      }
    }
    VectorValues.requireFinite("vector text", values);
    return values;
  }

  /** Formats components the way {@link #parse} reads them; floats print their shortest exact decimal form. */
  public static String format(float[] values) {
    StringBuilder text = new StringBuilder(values.length * 10 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(values[i]);
    }
    return text.append(']').toString();
  }

  private static SqlUserError malformed(String text, String why) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return new SqlUserError("22P02", "invalid vector text '" + shown + "': " + why
        + "; write it as '[0.1, 0.2, 0.3]'");
  }
}
