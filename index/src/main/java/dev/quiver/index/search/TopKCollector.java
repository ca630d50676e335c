package dev.quiver.index.search;

import java.util.Arrays;

/**
 * Keeps the k best (smallest-score) candidates seen so far, as a bounded max-heap ordered by (score, id).
 *
 * <p>Order is total and stable on ties: of two candidates with equal scores the smaller id ranks first, so a search
 * returns the same ids whatever order partitions were scanned in. An id offered twice is kept once, with its better
 * score: a concurrent update may briefly show one row in two partitions, and a result must never repeat a row.
 *
 * <p>The heap's arrays start at {@value #INITIAL_CAPACITY} entries and grow up to k. Why: allocated at k = 100 up
 * front, the partial collectors a batch kept per (query, partition), most of which end with a handful of rows, were
 * 1.2 KB each, 48 MB per batch of 1,000 queries at 1M × 128 (those partials are now {@link CandidateBuffer}s, which
 * start small for the same reason).
 *
 * <p>Not thread-safe: one collector per query (per worker, merged with {@link #merge}).
 */
public final class TopKCollector implements CandidateSink {

  private final int k;
  private final boolean distinctIds;
  /** Entries allocated before the first growth (fewer when k is smaller). */
  static final int INITIAL_CAPACITY = 16;

  private long[] ids;
  private float[] scores;
  private int size;
  private float ceiling = Float.POSITIVE_INFINITY;

  /** Creates a collector for the {@code k} best candidates that keeps each id once; {@code k} must be positive. */
  public TopKCollector(int k) {
    this(k, false);
  }

  /**
   * Creates a collector for the {@code k} best candidates.
   *
   * @param distinctIds true when the caller guarantees that no id is offered twice (centroid selection), which
   *     skips the duplicate check
   */
  public TopKCollector(int k, boolean distinctIds) {
    if (k <= 0) {
      throw new IllegalArgumentException("k: must be positive, was " + k);
    }
    this.k = k;
    this.distinctIds = distinctIds;
    this.ids = new long[Math.min(k, INITIAL_CAPACITY)];
    this.scores = new float[ids.length];
  }

  /** Capacity of this collector. */
  public int k() {
    return k;
  }

  /** Number of candidates held, at most {@link #k()}. */
  public int size() {
    return size;
  }

  /** Whether k candidates are held, so {@link #worstScore()} bounds what can still enter. */
  public boolean isFull() {
    return size == k;
  }

  /**
   * Score of the worst candidate held once full, else +∞: a candidate with a larger score cannot enter, so scans
   * use it to skip most of the heap work.
   */
  @Override
  public float worstScore() {
    return size == k ? Math.min(scores[0], ceiling) : ceiling;
  }

  /**
   * Skips, in {@link #offerAll}, every later candidate scoring above {@code value}: a scan that feeds a partial
   * top-k knows from the query's merged results that such candidates can never make the final top k (whose k-th
   * score can only fall), so they need not enter the heap at all. Candidates equal to the ceiling still enter, so
   * ties are decided by id exactly as without it.
   */
  public void bound(float value) {
    ceiling = value;
  }

  /** Offers a candidate; returns whether it entered the top k. */
  @Override
  public boolean offer(long id, float score) {
    if (size == k && !better(score, id, scores[0], ids[0])) {
      return false;
    }
    int existing = distinctIds ? -1 : indexOf(id);
    if (existing >= 0) {
      if (!better(score, id, scores[existing], id)) {
        return false;
      }
      removeAt(existing);
    }
    if (size < k) {
      if (size == ids.length) {
        int capacity = (int) Math.min(k, 2L * size);
        ids = Arrays.copyOf(ids, capacity);
        scores = Arrays.copyOf(scores, capacity);
      }
      ids[size] = id;
      scores[size] = score;
      siftUp(size++);
    } else {
      ids[0] = id;
      scores[0] = score;
      siftDown(0);
    }
    return true;
  }

  /** Offers {@code count} candidates whose scores are {@code blockScores[0..count)} and ids {@code blockIds[from..)}. */
  @Override
  public void offerAll(float[] blockScores, long[] blockIds, int from, int count) {
    float worst = worstScore();
    for (int i = 0; i < count; i++) {
      float s = blockScores[i];
      // Strictly-worse candidates are the common case after warm-up; equal scores still go through the id tie-break.
      if (s <= worst && offer(blockIds[from + i], s)) {
        worst = worstScore();
      }
    }
  }

  /** Offers every candidate held by {@code other}. */
  public void merge(TopKCollector other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.ids[i], other.scores[i]);
    }
  }

  @Override
  public void mergeInto(TopKCollector top) {
    top.merge(this);
  }

  /** Ids held, best first. */
  public long[] sortedIds() {
    return sorted().ids;
  }

  /**
   * Returns the held candidates sorted best first, as parallel arrays of ids and scores. Heapsort of a copy: the heap
   * already holds the worst at its root, and sorting boxed indices with a comparator was 7% of a k = 100 batch.
   */
  public Ranked sorted() {
    long[] outIds = Arrays.copyOf(ids, size);
    float[] outScores = Arrays.copyOf(scores, size);
    for (int end = size - 1; end > 0; end--) {
      swap(outIds, outScores, 0, end); // the worst of [0, end] goes last
      siftDown(outIds, outScores, end, 0);
    }
    return new Ranked(outIds, outScores);
  }

  /** Clears the collector for reuse by another query. */
  public void clear() {
    size = 0;
  }

  /**
   * Candidates sorted best first.
   *
   * @param ids ids, best first
   * @param scores internal scores (smaller is better), parallel to {@code ids}
   */
  public record Ranked(long[] ids, float[] scores) {}

  private static boolean better(float scoreA, long idA, float scoreB, long idB) {
    return scoreA < scoreB || (scoreA == scoreB && idA < idB);
  }

  private int indexOf(long id) {
    for (int i = 0; i < size; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }

  private void removeAt(int index) {
    size--;
    if (index == size) {
      return;
    }
    ids[index] = ids[size];
    scores[index] = scores[size];
    siftDown(index);
    siftUp(index);
  }

  private void siftUp(int index) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(scores[parent], ids[parent], scores[i], ids[i])) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int index) {
    siftDown(ids, scores, size, index);
  }

  /** Restores the max-heap order (worst at the root) of {@code [0, size)} below {@code index}. */
  private static void siftDown(long[] ids, float[] scores, int size, int index) {
    int i = index;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(scores[left], ids[left], scores[right], ids[right])) {
        worst = right;
      }
      if (!better(scores[i], ids[i], scores[worst], ids[worst])) {
        return;
      }
      swap(ids, scores, i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    swap(ids, scores, a, b);
  }

  private static void swap(long[] ids, float[] scores, int a, int b) {
    long id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }
}
