package dev.quiver.index.ivf;

import java.util.Arrays;

/**
 * Map from a vector id to its location (partition index, row offset), as primitive arrays: open addressing with
 * linear probing and backward-shift deletion, so there are no tombstones and no boxed entries. At 1M vectors it
 * takes 32 MiB (2<sup>21</sup> slots × 16 bytes), about 6% of the 128-d vectors it locates.
 *
 * <p>{@link Long#MIN_VALUE} marks an empty slot and so cannot be an id; the index rejects it at its boundary. Not
 * thread-safe: the index mutates and reads it under its write lock.
 */
final class IdLocationMap {

  static final long EMPTY = Long.MIN_VALUE;
  /** Returned by {@link #get} for an absent id. */
  static final long ABSENT = -1L;
  private static final double MAX_LOAD = 0.6;

  private long[] keys;
  private long[] values;
  private int size;
  private int mask;

  IdLocationMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, (int) Math.ceil(expected / MAX_LOAD)) - 1) << 1;
    allocate(capacity);
  }

  static long pack(int partition, int offset) {
    return ((long) partition << 32) | (offset & 0xFFFF_FFFFL);
  }

  static int partitionOf(long location) {
    return (int) (location >>> 32);
  }

  static int offsetOf(long location) {
    return (int) location;
  }

  int size() {
    return size;
  }

  /** Location of {@code id}, or {@link #ABSENT}. */
  long get(long id) {
    for (int slot = slot(id); ; slot = (slot + 1) & mask) {
      long key = keys[slot];
      if (key == id) {
        return values[slot];
      }
      if (key == EMPTY) {
        return ABSENT;
      }
    }
  }

  /** Inserts or replaces the location of {@code id}. */
  void put(long id, long location) {
    if (size + 1 > keys.length * MAX_LOAD) {
      rehash(keys.length * 2);
    }
    for (int slot = slot(id); ; slot = (slot + 1) & mask) {
      long key = keys[slot];
      if (key == id) {
        values[slot] = location;
        return;
      }
      if (key == EMPTY) {
        keys[slot] = id;
        values[slot] = location;
        size++;
        return;
      }
    }
  }

  /** Removes {@code id}; returns whether it was present. */
  boolean remove(long id) {
    int slot = slot(id);
    while (keys[slot] != id) {
      if (keys[slot] == EMPTY) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
    int hole = slot;
    for (int next = (hole + 1) & mask; keys[next] != EMPTY; next = (next + 1) & mask) {
      int home = slot(keys[next]);
      boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
      if (movable) {
        keys[hole] = keys[next];
        values[hole] = values[next];
        hole = next;
      }
    }
    keys[hole] = EMPTY;
    size--;
    return true;
  }

  /** Bytes held by the two arrays. */
  long memoryBytes() {
    return (long) keys.length * (Long.BYTES * 2);
  }

  private int slot(long id) {
    // Murmur3's 64-bit finaliser: ids are often sequential, and linear probing needs them spread.
    long h = id;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h & mask;
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new long[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
    size = 0;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    long[] oldValues = values;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
