package dev.quiver.bench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One synset parsed from a line of a WordNet 3.0 {@code data.*} file (format: {@code wndb(5WN)}).
 *
 * <p>A line is {@code offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (pointer)… [frames] | gloss}, with
 * {@code w_cnt} and {@code lex_id} in hexadecimal. Only the words and the gloss are kept.
 *
 * @param offset byte offset of the synset in its data file, 8 digits as written, e.g. {@code 02084071}; unique per
 *     file, so {@code offset} and {@code pos} together identify the synset
 * @param pos synset type: {@code n} noun, {@code v} verb, {@code a} adjective, {@code s} adjective satellite,
 *     {@code r} adverb
 * @param lemmas the synset's words, underscores turned into spaces and adjective position markers such as
 *     {@code (p)} removed
 * @param gloss definition and examples, as written after the {@code |}
 */
public record WordNetSynset(String offset, char pos, List<String> lemmas, String gloss) {

  /** Lemmas, copied so the record is immutable. */
  public WordNetSynset {
    lemmas = List.copyOf(lemmas);
  }

  /** Whether {@code line} is part of the licence header that starts every data file (it starts with two spaces). */
  public static boolean isHeader(String line) {
    return line.startsWith("  ");
  }

  /**
   * Parses one data line.
   *
   * @throws IllegalArgumentException naming the line when it does not follow the format
   */
  public static WordNetSynset parse(String line) {
    int bar = line.indexOf(" | ");
    String head = bar >= 0 ? line.substring(0, bar) : line;
    String gloss = bar >= 0 ? line.substring(bar + 3).strip() : "";
    String[] fields = head.strip().split(" +");
    try {
      if (fields.length < 6 || fields[2].length() != 1) {
        throw new IllegalArgumentException("too few fields or bad synset type");
      }
      int words = Integer.parseInt(fields[3], 16);
      if (words < 1 || fields.length < 4 + 2 * words) {
        throw new IllegalArgumentException("word count " + words + " exceeds the fields present");
      }
      List<String> lemmas = new ArrayList<>(words);
      for (int w = 0; w < words; w++) {
        lemmas.add(lemma(fields[4 + 2 * w]));
      }
      return new WordNetSynset(fields[0], fields[2].charAt(0), lemmas, gloss);
    } catch (IllegalArgumentException e) {
      String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
      throw new IllegalArgumentException("WordNet data line '" + shown + "': " + e.getMessage(), e);
    }
  }

  /** Stable identifier {@code offset-pos}, e.g. {@code 02084071-n}, the form WN-LMF and OMW use. */
  public String id() {
    return offset + "-" + pos;
  }

  /** The text to embed: the lemmas joined by {@code ", "}, then {@code ": "} and the gloss. */
  public String text() {
    return String.join(", ", lemmas) + ": " + gloss;
  }

  /** A word as written in a data file made readable: {@code ready_to_hand(p)} becomes {@code ready to hand}. */
  static String lemma(String word) {
    String w = word;
    // Adjectives may carry a syntactic marker: (p) predicate, (a) prenominal, (ip) immediately postnominal.
    if (w.endsWith("(p)") || w.endsWith("(a)")) {
      w = w.substring(0, w.length() - 3);
    } else if (w.endsWith("(ip)")) {
      w = w.substring(0, w.length() - 4);
    }
    return w.replace('_', ' ');
  }
}
