package dev.quiver.index.ivf;

/** Argument checks at the engine's boundary; each failure names the parameter and the offending value. */
final class VectorChecks {

  private VectorChecks() {}

  static void requireDimension(String parameter, float[] vector, int dim) {
    if (vector == null) {
      throw new IllegalArgumentException(parameter + ": must not be null");
    }
    if (vector.length != dim) {
      throw new IllegalArgumentException(parameter + ": dimension " + vector.length + " does not match the index "
          + "dimension " + dim);
    }
    requireFinite(parameter, vector, 0, dim);
  }

  static void requireFinite(String parameter, float[] values, int offset, int dim) {
    for (int i = 0; i < dim; i++) {
      float v = values[offset + i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(parameter + ": component " + i + " is " + v
            + "; vectors must be finite (no NaN or infinity)");
      }
    }
  }

  static void requirePositive(String parameter, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(parameter + ": must be positive, was " + value);
    }
  }

  static void requireUsableId(long id) {
    if (id == IdLocationMap.EMPTY) {
      throw new IllegalArgumentException("id: " + id + " (Long.MIN_VALUE) is reserved; use any other long");
    }
  }
}
