package dev.quiver.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one flat JSON object, the shape of every line a peer script prints: string keys whose values are strings,
 * numbers, booleans or null, with no nested objects or arrays.
 *
 * <p>Hand-written so that the bench module needs no JSON library for a few lines of output. Numbers become
 * {@link Double} (exact for the integers a peer reports, which are far below 2<sup>53</sup>), strings
 * {@link String}, booleans {@link Boolean}, and {@code null} a {@code null} value. Anything else, including nesting,
 * a duplicate key or trailing text, is rejected with an {@link IllegalArgumentException} naming the position.
 */
final class FlatJson {

  private final String text;
  private int pos;

  private FlatJson(String text) {
    this.text = text;
  }

  /** The object {@code line} holds, keys in their order in the line. */
  static Map<String, Object> parseObject(String line) {
    FlatJson parser = new FlatJson(line);
    parser.skipWhitespace();
    Map<String, Object> object = parser.object();
    parser.skipWhitespace();
    if (parser.pos != line.length()) {
      throw parser.error("end of line expected");
    }
    return object;
  }

  private Map<String, Object> object() {
    Map<String, Object> object = new LinkedHashMap<>();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      int keyPos = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value();
      if (object.containsKey(key)) {
        pos = keyPos;
        throw error("duplicate key \"" + key + "\"");
      }
      object.put(key, value);
      skipWhitespace();
      char next = peek();
      pos++;
      if (next == '}') {
        return object;
      }
      if (next != ',') {
        pos--;
        throw error("',' or '}' expected");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    throw error(c == '{' || c == '[' ? "nested objects and arrays are not supported" : "value expected");
  }

  private Double number() {
    int start = pos;
    // JSON number grammar: -?int frac? exp?; the loose scan is checked by Double.parseDouble and the JSON-only
    // rules (no leading '+', no "NaN"/"Infinity") hold because only these characters are taken.
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    try {
      return Double.valueOf(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("malformed number");
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      pos++;
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = peek();
      pos++;
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> {
          pos--;
          throw error("unknown escape \\" + escape);
        }
      }
    }
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("four hex digits expected after \\u");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("four hex digits expected after \\u");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  /** The character at the cursor; running off the end is an error, since every caller needs one more. */
  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of line");
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at column " + (pos + 1) + " of: " + text);
  }
}
