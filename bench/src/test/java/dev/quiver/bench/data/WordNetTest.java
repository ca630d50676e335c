package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetTest {

  @TempDir Path dir;

  static final String NOUN = "02084071 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 023 @ 02083346 n 0000 "
      + "| a member of the genus Canis; \"the dog barked all night\"  ";
  static final String VERB = "00001740 29 v 04 breathe 0 take_a_breath 0 respire 0 suspire 3 021 * 00005041 v 0000 "
      + "* 00004227 v 0000 02 + 02 00 + 08 00 | draw air into, and expel out of, the lungs  ";
  static final String SATELLITE = "00019731 00 s 02 handy 0 ready_to_hand(p) 0 002 & 00019131 a 0000 + 04718999 n "
      + "0101 | easy to reach; \"found a handy spot for the can opener\"  ";
  static final String HEADER = "  1 This software and database is being provided to you, the LICENSEE, by  ";

  @Test
  void parsesANounLine() {
    WordNetSynset s = WordNetSynset.parse(NOUN);
    assertEquals("02084071", s.offset());
    assertEquals('n', s.pos());
    assertEquals("02084071-n", s.id());
    assertEquals(List.of("dog", "domestic dog", "Canis familiaris"), s.lemmas());
    assertEquals("a member of the genus Canis; \"the dog barked all night\"", s.gloss());
    assertEquals("dog, domestic dog, Canis familiaris: a member of the genus Canis; \"the dog barked all night\"",
        s.text());
  }

  @Test
  void parsesVerbFramesAndHexCountsAndAdjectiveMarkers() {
    WordNetSynset verb = WordNetSynset.parse(VERB);
    assertEquals(List.of("breathe", "take a breath", "respire", "suspire"), verb.lemmas());
    assertEquals("draw air into, and expel out of, the lungs", verb.gloss());
    WordNetSynset adj = WordNetSynset.parse(SATELLITE);
    assertEquals('s', adj.pos());
    assertEquals(List.of("handy", "ready to hand"), adj.lemmas());
    String hex = "00000001 03 n 0a a 0 b 0 c 0 d 0 e 0 f 0 g 0 h 0 i 0 j 0 000 | ten words";
    assertEquals(10, WordNetSynset.parse(hex).lemmas().size());
  }

  @Test
  void recognisesTheLicenceHeaderAndRejectsGarbage() {
    assertTrue(WordNetSynset.isHeader(HEADER));
    assertFalse(WordNetSynset.isHeader(NOUN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WordNetSynset.parse("00000001 03 n 05 dog 0 | too few words"));
    assertTrue(e.getMessage().contains("word count 5 exceeds the fields present"), e.getMessage());
  }

  @Test
  void splitIsSeededExactAndInDrawOrder() {
    int[] a = WordNetMiniLmPreparer.queryOrder(1000, 100, 42);
    assertArrayEquals(a, WordNetMiniLmPreparer.queryOrder(1000, 100, 42));
    assertEquals(100, java.util.Arrays.stream(a).distinct().count());
    assertFalse(java.util.Arrays.equals(a, WordNetMiniLmPreparer.queryOrder(1000, 100, 43)));
    // Not file order: a prefix of the queries must be a sample of the whole file (WordNet's is sorted by part of
    // speech), so the first tenth of the queries reaches past the first half of the items.
    assertTrue(java.util.Arrays.stream(a, 0, 10).max().orElseThrow() >= 500, java.util.Arrays.toString(a));
    int[] sorted = a.clone();
    java.util.Arrays.sort(sorted);
    assertFalse(java.util.Arrays.equals(a, sorted));
  }

  @Test
  void preparesATinyDatabaseWithAStandInEmbedder() throws IOException {
    Path wordnet = writeDatabase(dir);
    Path root = dir.resolve("data");
    Dataset d;
    try (TextEmbedder embedder = new HashEmbedder()) {
      d = WordNetMiniLmPreparer.prepare(wordnet, root, embedder, 2, ProgressReporter.SILENT);
    }
    assertEquals(Metric.COSINE, d.metric());
    assertEquals(4, d.baseCount());
    assertEquals(2, d.queryCount());
    assertEquals(4, d.groundTruthDepth());
    List<String> tsv = Files.readAllLines(root.resolve("wordnet-minilm").resolve("synsets.tsv"));
    assertEquals("split\trow\tsynset\ttext", tsv.get(0));
    assertEquals(7, tsv.size());
    assertEquals(4, tsv.stream().filter(l -> l.startsWith("base\t")).count());
    String dog = tsv.stream().filter(l -> l.contains("\t02084071-n\t")).findFirst().orElseThrow();
    assertTrue(dog.endsWith("\tdog, domestic dog, Canis familiaris: a member of the genus Canis; "
        + "\"the dog barked all night\""), dog);
    assertEquals(List.of("0", "1", "2", "3"),
        tsv.stream().filter(l -> l.startsWith("base\t")).map(l -> l.split("\t")[1]).toList());
    // Queries in the split's draw order: row r is the r-th synset drawn (the database lists 6 synsets).
    List<WordNetSynset> synsets = WordNetDatabase.read(wordnet);
    int[] order = WordNetMiniLmPreparer.queryOrder(synsets.size(), 2, WordNetMiniLmPreparer.SPLIT_SEED);
    assertEquals(List.of("query\t0\t" + synsets.get(order[0]).id(), "query\t1\t" + synsets.get(order[1]).id()),
        tsv.stream().filter(l -> l.startsWith("query\t")).map(l -> l.substring(0, l.lastIndexOf('\t'))).toList());
    assertEquals(KnownDataset.WORDNET_MINILM.layout(),
        DatasetInfo.read(root.resolve("wordnet-minilm").resolve(DatasetInfo.FILE_NAME)).layout());
    Dataset loaded = DatasetLoader.load("wordnet-minilm", root);
    assertArrayEquals(d.base(), loaded.base());
    assertEquals(1f, dev.quiver.index.kernel.VectorKernels.norm(loaded.baseVector(0)), 1e-5f);
  }

  @Test
  void missingPackageSaysWhatToInstall() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> WordNetDatabase.read(dir.resolve("no")));
    assertTrue(e.getMessage().contains("sudo apt-get install wordnet-base"), e.getMessage());
  }

  private static Path writeDatabase(Path parent) throws IOException {
    Path wordnet = Files.createDirectories(parent.resolve("wordnet"));
    Files.write(wordnet.resolve("data.noun"), List.of(HEADER, NOUN,
        "02083346 05 n 01 canine 0 000 | any of various fissiped mammals"), StandardCharsets.ISO_8859_1);
    Files.write(wordnet.resolve("data.verb"), List.of(HEADER, VERB), StandardCharsets.ISO_8859_1);
    Files.write(wordnet.resolve("data.adj"), List.of(HEADER, SATELLITE,
        "00001740 00 a 01 able 0 000 | having the necessary means"), StandardCharsets.ISO_8859_1);
    Files.write(wordnet.resolve("data.adv"), List.of(HEADER,
        "00001740 02 r 01 a_cappella 0 000 | without musical accompaniment"), StandardCharsets.ISO_8859_1);
    return wordnet;
  }

  /** Deterministic stand-in for the ONNX model: character-count features, 8-d. */
  private static final class HashEmbedder implements TextEmbedder {
    @Override
    public String name() {
      return "hash";
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public float[] embed(List<String> texts) {
      float[] out = new float[texts.size() * 8];
      for (int i = 0; i < texts.size(); i++) {
        for (char c : texts.get(i).toCharArray()) {
          out[i * 8 + c % 8] += 1;
        }
      }
      return out;
    }

    @Override
    public void close() {}
  }
}
