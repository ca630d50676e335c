package dev.quiver.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClusteredGeneratorTest {

  @Test
  void sameSeedGivesSameVectorsWhateverTheThreadCount() {
    // Spans several blocks (BLOCK_ROWS = 8192) plus a partial one.
    GeneratorParams params = GeneratorParams.of(3 * ClusteredGenerator.BLOCK_ROWS + 17, 6, 7);
    FloatRows one = new ClusteredGenerator(params).base(1);
    FloatRows three = new ClusteredGenerator(params).base(3);
    assertArrayEquals(one.values(), three.values());
    assertArrayEquals(new ClusteredGenerator(params).queries(100, 1).values(),
        new ClusteredGenerator(params).queries(100, 4).values());
  }

  @Test
  void otherSeedsAndStreamsGiveOtherVectors() {
    FloatRows a = new ClusteredGenerator(GeneratorParams.of(1000, 4, 1)).base(2);
    FloatRows b = new ClusteredGenerator(GeneratorParams.of(1000, 4, 2)).base(2);
    assertFalse(Arrays.equals(a.values(), b.values()));
    FloatRows queries = new ClusteredGenerator(GeneratorParams.of(1000, 4, 1)).queries(1000, 2);
    assertFalse(Arrays.equals(a.values(), queries.values()));
  }

  @Test
  void queriesAreAPrefixStableStream() {
    ClusteredGenerator generator = new ClusteredGenerator(GeneratorParams.of(100, 5, 3));
    FloatRows many = generator.queries(10_000, 2);
    FloatRows few = generator.queries(1_000, 2);
    assertArrayEquals(few.values(), Arrays.copyOf(many.values(), few.values().length));
  }

  @Test
  void clusterSizesFollowTheZipfWeights() {
    int n = 50_000;
    GeneratorParams params = GeneratorParams.of(n, 2, 11).withClusters(10).withSkew(1.0);
    ClusteredGenerator generator = new ClusteredGenerator(params);
    int[] sizes = new int[10];
    for (int c : generator.baseClusters()) {
      sizes[c]++;
    }
    double harmonic = 0;
    for (int r = 1; r <= 10; r++) {
      harmonic += 1.0 / r;
    }
    assertEquals(1 / harmonic, generator.clusterWeight(0), 1e-12);
    for (int c = 0; c < 10; c++) {
      // Binomial standard deviation is below 0.0022 here; 0.01 is over four of them.
      assertEquals(generator.clusterWeight(c), sizes[c] / (double) n, 0.01, "cluster " + c);
    }
    assertTrue(sizes[0] > 8 * sizes[9], Arrays.toString(sizes));

    ClusteredGenerator flat = new ClusteredGenerator(params.withSkew(0));
    int[] flatSizes = new int[10];
    for (int c : flat.baseClusters()) {
      flatSizes[c]++;
    }
    for (int c = 0; c < 10; c++) {
      assertEquals(0.1, flatSizes[c] / (double) n, 0.01, "cluster " + c);
    }
  }

  @Test
  void clustersAreAnisotropicWithinTheBound() {
    int n = 20_000;
    int dim = 8;
    double anisotropy = 9;
    GeneratorParams params = GeneratorParams.of(n, dim, 5).withClusters(1).withAnisotropy(anisotropy);
    FloatRows rows = new ClusteredGenerator(params).base(2);
    double[] sd = new double[dim];
    for (int j = 0; j < dim; j++) {
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        double v = rows.values()[i * dim + j];
        sum += v;
        sumSq += v * v;
      }
      double mean = sum / n;
      sd[j] = Math.sqrt(sumSq / n - mean * mean);
      double bound = params.spread() * Math.sqrt(anisotropy);
      assertTrue(sd[j] < bound * 1.05 && sd[j] > params.spread() / Math.sqrt(anisotropy) / 1.05,
          "axis " + j + " sd " + sd[j]);
    }
    double max = Arrays.stream(sd).max().orElseThrow();
    double min = Arrays.stream(sd).min().orElseThrow();
    assertTrue(max / min > 1.5, "8 axes drawn log-uniformly over a 9× range should differ: " + Arrays.toString(sd));

    FloatRows round = new ClusteredGenerator(params.withAnisotropy(1)).base(2);
    assertEquals(n * dim, round.values().length);
  }

  @Test
  void defaultsAndValidation() {
    assertEquals(200, GeneratorParams.defaultClusters(1_000_000));
    assertEquals(2_000, GeneratorParams.defaultClusters(10_000_000));
    assertEquals(10, GeneratorParams.defaultClusters(20_000));
    assertEquals(3, GeneratorParams.defaultClusters(3));
    assertMessage("count: must be at least 1, was 0", () -> GeneratorParams.of(0, 4, 1));
    assertMessage("dim: must be in", () -> GeneratorParams.of(10, 0, 1));
    assertMessage("clusters: must be in [1, count = 10], was 11", () -> GeneratorParams.of(10, 4, 1).withClusters(11));
    assertMessage("skew: must be a finite number >= 0, was -1.0", () -> GeneratorParams.of(10, 4, 1).withSkew(-1));
    assertMessage("anisotropy: must be a finite number >= 1, was 0.5",
        () -> GeneratorParams.of(10, 4, 1).withAnisotropy(0.5));
    assertMessage("spread: must be a finite number > 0, was NaN",
        () -> GeneratorParams.of(10, 4, 1).withSpread(Double.NaN));
    assertMessage("do not fit one Java array", () -> GeneratorParams.of(100_000_000, 128, 1));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
