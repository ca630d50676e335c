package dev.quiver.bench.data;

import dev.quiver.index.Metric;

/** The real datasets Quiver knows how to prepare from Debian packages, by their spec name. */
public enum KnownDataset {
  /** Fashion-MNIST: 60,000 train images as base, 10,000 test images as queries, 784-d pixel values, L2. */
  FMNIST("fmnist", Metric.L2, "dataset-fashion-mnist"),
  /** WordNet synsets embedded with all-MiniLM-L6-v2 (quantised): 384-d unit vectors, cosine. */
  WORDNET_MINILM("wordnet-minilm", Metric.COSINE, "wordnet-base");

  private final String specName;
  private final Metric metric;
  private final String debianPackage;

  KnownDataset(String specName, Metric metric, String debianPackage) {
    this.specName = specName;
    this.metric = metric;
    this.debianPackage = debianPackage;
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
