package dev.quiver.bench.data;

import dev.quiver.index.Metric;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prepares the {@code wordnet-minilm} dataset: every WordNet 3.0 synset (117,659 in Debian's {@code wordnet-base})
 * embedded as {@code "lemma, lemma: gloss"} with all-MiniLM-L6-v2, 384-d unit vectors, metric cosine.
 *
 * <p>A seeded split (seed {@value #SPLIT_SEED}) holds out {@value #QUERY_COUNT} synsets as queries, written in the
 * order the split drew them, so that the first N queries a benchmark takes are a uniform sample too (in file order
 * the first 2,000 were all nouns, on which recall at a fixed nprobe was 0.005 higher than on held-out synsets of
 * every part of speech: bench/RESULTS.md, issue 3); the rest, in WordNet file order (nouns, verbs, adjectives,
 * adverbs), are the base. Besides the vector files it writes
 * {@value #SYNSETS_FILE}, one line per vector: {@code split} ({@code base} or {@code query}), {@code row} (row in
 * that split's fvecs file), {@code synset} ({@code offset-pos}) and {@code text} (the embedded text), tab-separated
 * with a header line, so SQL demos can show what a neighbour means.
 */
public final class WordNetMiniLmPreparer {

  /** Synsets held out as queries. */
  public static final int QUERY_COUNT = 10_000;
  /** Seed of the base/query split. */
  public static final long SPLIT_SEED = 42;
  /** Name of the text file written beside the vectors. */
  public static final String SYNSETS_FILE = "synsets.tsv";
  /** Texts per call to the embedder: big enough to keep every thread busy, small enough for frequent progress. */
  static final int BATCH = 256;

  private WordNetMiniLmPreparer() {}

  /**
   * Reads WordNet from {@code wordnetDir}, embeds it with {@code embedder} and writes the dataset to
   * {@code <dataRoot>/wordnet-minilm}.
   *
   * @param queryCount synsets held out as queries ({@link #QUERY_COUNT} for the real dataset)
   * @param progress receives embedding and ground-truth progress
   */
  public static Dataset prepare(Path wordnetDir, Path dataRoot, TextEmbedder embedder, int queryCount,
      ProgressReporter progress) throws IOException {
    List<WordNetSynset> synsets = WordNetDatabase.read(wordnetDir);
    if (queryCount < 1 || queryCount >= synsets.size()) {
      throw new IllegalArgumentException("queryCount: must be in [1, " + synsets.size() + "), was " + queryCount);
    }
    Path directory = dataRoot.resolve(KnownDataset.WORDNET_MINILM.specName());
    Files.createDirectories(directory);
    Files.deleteIfExists(DatasetFiles.standard(directory).info()); // incomplete until DatasetWriter writes it back

    int[] queryOrder = queryOrder(synsets.size(), queryCount, SPLIT_SEED);
    boolean[] isQuery = new boolean[synsets.size()];
    for (int i : queryOrder) {
      isQuery[i] = true;
    }
    float[] vectors = embedAll(synsets, embedder, progress);
    int dim = embedder.dimension();
    float[] base = new float[(synsets.size() - queryCount) * dim];
    float[] queries = new float[queryCount * dim];
    List<WordNetSynset> baseSynsets = new ArrayList<>(synsets.size() - queryCount);
    List<WordNetSynset> querySynsets = new ArrayList<>(queryCount);
    for (int i = 0; i < synsets.size(); i++) {
      if (!isQuery[i]) {
        System.arraycopy(vectors, i * dim, base, baseSynsets.size() * dim, dim);
        baseSynsets.add(synsets.get(i));
      }
    }
    for (int i : queryOrder) {
      System.arraycopy(vectors, i * dim, queries, querySynsets.size() * dim, dim);
      querySynsets.add(synsets.get(i));
    }
    writeSynsets(directory.resolve(SYNSETS_FILE), baseSynsets, querySynsets);
    return DatasetWriter.write(directory, KnownDataset.WORDNET_MINILM.specName(), Metric.COSINE,
        new FloatRows(base, baseSynsets.size(), dim), new FloatRows(queries, queryCount, dim),
        "WordNet 3.0 (Debian wordnet-base, " + wordnetDir + ") synsets as 'lemmas: gloss', embedded with "
            + embedder.name() + "; " + queryCount + " queries held out with seed " + SPLIT_SEED + ", in draw order",
        KnownDataset.WORDNET_MINILM.layout(), progress);
  }

  /**
   * The {@code queryCount} of {@code n} items held out as queries, in the order a seeded partial Fisher–Yates shuffle
   * drew them (the query rows' order): any prefix is a uniform sample of the items.
   */
  static int[] queryOrder(int n, int queryCount, long seed) {
    return dev.quiver.index.Sampling.distinct(n, queryCount, new SplittableRandom(seed));
  }

  private static float[] embedAll(List<WordNetSynset> synsets, TextEmbedder embedder, ProgressReporter progress) {
    int dim = embedder.dimension();
    float[] vectors = new float[synsets.size() * dim];
    ProgressReporter embedding = progress.forTask("embedding wordnet synsets", synsets.size());
    for (int first = 0; first < synsets.size(); first += BATCH) {
      List<String> texts = synsets.subList(first, Math.min(synsets.size(), first + BATCH)).stream()
          .map(WordNetSynset::text).toList();
      float[] batch = embedder.embed(texts);
      System.arraycopy(batch, 0, vectors, first * dim, texts.size() * dim);
      embedding.advance(texts.size());
    }
    embedding.finish();
    return vectors;
  }

  private static void writeSynsets(Path file, List<WordNetSynset> base, List<WordNetSynset> queries)
      throws IOException {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      out.write("split\trow\tsynset\ttext\n");
      writeRows(out, "base", base);
      writeRows(out, "query", queries);
    }
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeRows(BufferedWriter out, String split, List<WordNetSynset> synsets) throws IOException {
    for (int row = 0; row < synsets.size(); row++) {
      WordNetSynset s = synsets.get(row);
      // Tabs and line breaks would break the TSV; WordNet has none, but the guard keeps the file parseable anyway.
      String text = s.text().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
      out.write(split + "\t" + row + "\t" + s.id() + "\t" + text + "\n");
    }
  }
}
