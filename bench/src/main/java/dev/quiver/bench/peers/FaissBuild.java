package dev.quiver.bench.peers;

/**
 * What building the Faiss IVF-Flat index cost, as {@code faiss_ivf.py} reported it.
 *
 * @param nlist partitions of the index
 * @param trainSeconds time of {@code index.train} (coarse k-means), in s
 * @param addSeconds time of {@code index.add} (assigning and storing every base vector), in s
 * @param buildThreads OpenMP threads Faiss had for training and adding
 */
public record FaissBuild(int nlist, double trainSeconds, double addSeconds, int buildThreads) {

  /** Train plus add, in s. */
  public double buildSeconds() {
    return trainSeconds + addSeconds;
  }
}
