package dev.quiver.index.search;

import java.util.Arrays;

/**
 * One partition's candidates for one query, kept unordered until they are merged into the query's top k: every row
 * scoring at or under a ceiling is appended, and when 2k have gathered the best k are kept and the k-th score becomes
 * the ceiling.
 *
 * <p>Why not a {@link TopKCollector} per partition: a batched or parallel query scans a partition into a partial
 * result bounded only by its merged k-th score from before the wave, and at k = 100 most partitions' rows (250 a
 * partition at 1M × 128, 60 on Fashion-MNIST) pass that bound, so a partial heap sifted nearly every row and the
 * merge sifted them again; the heap work was a third of a k = 100 batch (bench/RESULTS.md, issue 3). Appending costs
 * a store, and the cut is amortised over k appends (a selection over 2k scores).
 *
 * <p>Merging keeps exactly what a partial top-k would have given: the k best (score, id) pairs of a partition all
 * score at or under the k-th smallest score of any 2k of its rows, so the cut never drops one, and a collector keeps
 * the k best pairs whatever the order of offers. Ids offered must be distinct (rows of one partition). Not
 * thread-safe.
 */
public final class CandidateBuffer implements CandidateSink {

  private final int k;
  private long[] ids;
  private float[] scores;
  private int size;
  private float ceiling;

  /**
   * A buffer for a top-{@code k} that keeps no candidate scoring above {@code ceiling} (the query's merged k-th score
   * so far, or +∞). Candidates equal to the ceiling are kept, so ties are decided by id exactly as without it.
   */
  public CandidateBuffer(int k, float ceiling) {
    if (k <= 0) {
      throw new IllegalArgumentException("k: must be positive, was " + k);
    }
    this.k = k;
    this.ceiling = ceiling;
    this.ids = new long[Math.min(2 * k, INITIAL_CAPACITY)];
    this.scores = new float[ids.length];
  }

  /** Entries allocated first: most partials of a wave end with a handful of rows. */
  static final int INITIAL_CAPACITY = 16;

  /** Candidates held: up to 2k, more only while rows tie at the k-th score. */
  public int size() {
    return size;
  }

  @Override
  public float worstScore() {
    return ceiling;
  }

  @Override
  public boolean offer(long id, float score) {
    if (!(score <= ceiling)) {
      return false;
    }
    if (size == ids.length) {
      makeRoom();
      if (!(score <= ceiling)) {
        return false;
      }
    }
    ids[size] = id;
    scores[size] = score;
    size++;
    return true;
  }

  @Override
  public void offerAll(float[] blockScores, long[] blockIds, int from, int count) {
    float limit = ceiling;
    for (int i = 0; i < count; i++) {
      float s = blockScores[i];
      if (s <= limit) { // most rows of a later wave fail this and never reach offer
        offer(blockIds[from + i], s);
        limit = ceiling;
      }
    }
  }

  @Override
  public void mergeInto(TopKCollector top) {
    top.offerAll(scores, ids, 0, size);
  }

  /** Cuts back to the best k once 2k are held (lowering the ceiling), else grows; afterwards size < capacity. */
  private void makeRoom() {
    if (size >= 2 * k) {
      ceiling = new SmallestSelector().mthSmallest(scores, size, k); // a cut is rare: its scratch is not kept
      int write = 0;
      for (int read = 0; read < size; read++) {
        if (scores[read] <= ceiling) {
          ids[write] = ids[read];
          scores[write] = scores[read];
          write++;
        }
      }
      size = write;
    }
    if (size == ids.length) { // below 2k, or more than k rows tied at the k-th score
      int capacity = ids.length < 2 * k ? Math.min(2 * k, 2 * ids.length) : 2 * ids.length;
      ids = Arrays.copyOf(ids, capacity);
      scores = Arrays.copyOf(scores, capacity);
    }
  }
}
