package dev.quiver.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every synset of a WordNet 3.0 database directory: {@code data.noun}, {@code data.verb}, {@code data.adj} and
 * {@code data.adv}, in that order and in file order within each, skipping the licence header.
 */
public final class WordNetDatabase {

  /** Where Debian's {@code wordnet-base} package installs the database. */
  public static final Path DEFAULT_SOURCE = Path.of("/usr/share/wordnet");
  /** Data files in the order their synsets are returned. */
  static final List<String> DATA_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");

  private WordNetDatabase() {}

  /**
   * All synsets in {@code dir}.
   *
   * @throws NoSuchFileException when a data file is absent, with the {@code apt-get} command that installs it
   * @throws IOException when a line does not parse, naming the file and line number
   */
  public static List<WordNetSynset> read(Path dir) throws IOException {
    List<WordNetSynset> synsets = new ArrayList<>(120_000);
    for (String name : DATA_FILES) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString(), null,
            "WordNet data file not found; install it with: sudo apt-get install "
                + KnownDataset.WORDNET_MINILM.debianPackage());
      }
      // WordNet 3.0 is ASCII; Latin-1 decodes any byte, so an odd byte can never abort a long preparation.
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lineNumber++;
          if (WordNetSynset.isHeader(line) || line.isBlank()) {
            continue;
          }
          try {
            synsets.add(WordNetSynset.parse(line));
          } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return synsets;
  }
}
