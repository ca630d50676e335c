package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

  @Test
  void parsesKnownDatasets() {
    assertEquals(new DatasetSpec.Known(KnownDataset.FMNIST), DatasetSpec.parse("fmnist"));
    assertEquals(new DatasetSpec.Known(KnownDataset.WORDNET_MINILM), DatasetSpec.parse(" wordnet-minilm "));
    assertEquals("wordnet-minilm", DatasetSpec.parse("WORDNET-MINILM").directoryName());
  }

  @Test
  void parsesGeneratedSpecs() {
    assertEquals(new DatasetSpec.Generated(1_000_000, 128, 42), DatasetSpec.parse("gen:1000000:128"));
    assertEquals(new DatasetSpec.Generated(1_000_000, 128, 7), DatasetSpec.parse("gen:1m:128:7"));
    assertEquals(new DatasetSpec.Generated(10_000_000, 96, -3), DatasetSpec.parse("gen:10M:96:-3"));
    assertEquals(new DatasetSpec.Generated(250_000, 8, 42), DatasetSpec.parse("gen:250k:8"));
    assertEquals(new DatasetSpec.Generated(1_000, 8, 42), DatasetSpec.parse("gen:1_000:8"));
    assertEquals("gen-1000000-128-42", DatasetSpec.parse("gen:1000000:128").directoryName());
  }

  @Test
  void parsesVectorFilePaths() {
    DatasetSpec spec = DatasetSpec.parse("/data/sift/sift_base.fvecs");
    assertEquals(new DatasetSpec.VectorFile(Path.of("/data/sift/sift_base.fvecs")), spec);
    assertEquals("sift", spec.directoryName());
    assertEquals("deep", DatasetSpec.parse("/x/deep/base.fvecs").directoryName());
    assertEquals("bigann", DatasetSpec.parse("bigann.bvecs").directoryName());
  }

  @Test
  void rejectsBadSpecsWithTheSyntax() {
    assertBad("", "dataset spec: is empty; use fmnist, wordnet-minilm, gen:N:D[:seed]");
    assertBad("mnist", "dataset spec 'mnist': unknown dataset; use fmnist, wordnet-minilm");
    assertBad("gen:1000", "dataset spec 'gen:1000': a generated dataset is gen:N:D[:seed]");
    assertBad("gen:1:2:3:4", "a generated dataset is gen:N:D[:seed]");
    assertBad("gen:abc:128", "dataset spec 'gen:abc:128': N must be an integer in [1, 2147483647]"
        + " (k and m suffixes allowed), was 'abc'");
    assertBad("gen:0:128", "N must be an integer in [1, 2147483647]");
    assertBad("gen:-5:128", "N must be an integer");
    assertBad("gen:3000m:128", "N must be an integer");
    assertBad("gen:100:0", "D must be an integer in [1, 1048576], was '0'");
    assertBad("gen:100:4k", "D must be an integer");
    assertBad("gen:100:4:x", "seed must be an integer, was 'x'");
    assertBad("gen:100000000:128", "count × dim: 100000000 × 128 = 12800000000 components do not fit");
  }

  private static void assertBad(String spec, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse(spec));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
