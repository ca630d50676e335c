package dev.quiver.index;

import java.util.SplittableRandom;

/** Seeded sampling shared by the engine and the benchmarks, so that the same seed draws the same items everywhere. */
public final class Sampling {

  private Sampling() {}

  /**
   * {@code count} distinct indices of {@code [0, n)}, uniformly drawn: the first {@code count} positions of a partial
   * Fisher–Yates shuffle of {@code 0 … n−1}, one {@code random.nextInt(n − i)} per position, in draw order.
   *
   * @throws IllegalArgumentException if {@code count} is negative or above {@code n}
   */
  public static int[] distinct(int n, int count, SplittableRandom random) {
    if (count < 0 || count > n) {
      throw new IllegalArgumentException("count: must be between 0 and " + n + ", was " + count);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return java.util.Arrays.copyOf(order, count);
  }

  /** {@link #distinct} as membership: {@code chosen[i]} is true for the {@code count} indices drawn. */
  public static boolean[] chosen(int n, int count, SplittableRandom random) {
    boolean[] chosen = new boolean[n];
    for (int i : distinct(n, count, random)) {
      chosen[i] = true;
    }
    return chosen;
  }
}
