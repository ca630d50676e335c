package dev.quiver.functions;

import dev.quiver.index.Metric;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A vector value as SQL code sees it: Calcite represents an {@code ARRAY} value as a {@link java.util.List}, and
 * this list is a view over a {@code float[]} (no boxing until an element is read), so functions and the engine get
 * the array back without a copy.
 *
 * <p>A value read from a vector column carries the column's metric, which is how {@code distance(col, q)} knows
 * which distance the column declared.
 */
public final class FloatVector extends AbstractList<Float> implements RandomAccess {

  private final float[] values;
  private final Metric metric;

  /** A vector with no declared metric (a literal, a parameter, a computed value). */
  public FloatVector(float[] values) {
    this(values, null);
  }

  /** A vector read from a column that declares {@code metric} (null: none). */
  public FloatVector(float[] values, Metric metric) {
    this.values = values;
    this.metric = metric;
  }

  /** The components; shared, not copied: callers must not modify them. */
  public float[] values() {
    return values;
  }

  /** The metric of the column this value was read from, or null. */
  public Metric metric() {
    return metric;
  }

  @Override
  public Float get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public String toString() {
    return VectorText.format(values);
  }
}
