package dev.quiver.bench.data;

import dev.quiver.index.Metric;

/** The real datasets Quiver knows how to prepare from Debian packages, by their spec name. */
public enum KnownDataset {
  /** Fashion-MNIST: 60,000 train images as base, 10,000 test images as queries, 784-d pixel values, L2. */
  FMNIST("fmnist", Metric.L2, "dataset-fashion-mnist", 1, ""),
  /**
   * WordNet synsets embedded with all-MiniLM-L6-v2 (quantised): 384-d unit vectors, cosine. Layout 2 keeps the
   * queries in the seeded split's draw order; layout 1 kept them in WordNet file order, so the first 2,000 queries
   * a benchmark took were all nouns, an easier set than the whole.
   */
  WORDNET_MINILM("wordnet-minilm", Metric.COSINE, "wordnet-base", 2,
      "its queries are in WordNet file order, so a benchmark's first N queries are all nouns");

  private final String specName;
  private final Metric metric;
  private final String debianPackage;
  private final int layout;
  private final String staleLayout;

  KnownDataset(String specName, Metric metric, String debianPackage, int layout, String staleLayout) {
    this.specName = specName;
    this.metric = metric;
    this.debianPackage = debianPackage;
    this.layout = layout;
    this.staleLayout = staleLayout;
  }

  /** The layout version this Quiver prepares ({@link DatasetInfo#layout()}); older ones are prepared again. */
  public int layout() {
    return layout;
  }

  /** What is wrong with a dataset of an older layout, for the message that asks to prepare it again. */
  public String staleLayout() {
    return staleLayout;
  }

  /** Name in dataset specs, on the command line and as the directory under the data root. */
  public String specName() {
    return specName;
  }

  /** Metric the dataset is compared with. */
  public Metric metric() {
    return metric;
  }

  /** Debian package that provides the source data. */
  public String debianPackage() {
    return debianPackage;
  }
}
