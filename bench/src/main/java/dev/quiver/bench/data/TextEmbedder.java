package dev.quiver.bench.data;

import java.util.List;

/**
 * Turns texts into fixed-size vectors. The preparers depend on this interface rather than on a model, so tests can
 * run a whole preparation with a cheap deterministic stand-in.
 */
public interface TextEmbedder extends AutoCloseable {

  /** Human-readable model name, stored as the dataset's source. */
  String name();

  /** Components per vector. */
  int dimension();

  /**
   * Embeds {@code texts}, in order.
   *
   * @return {@code texts.size() × dimension()} components, row-major
   */
  float[] embed(List<String> texts);

  /** Releases threads and native resources. */
  @Override
  void close();
}
