package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.index.kernel.VectorKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartitionTest {

  @Test
  void eachRowsSquaredNormFollowsItThroughAppendsRemovalsOverwritesAndGrowth() {
    // Shared scans read ‖x‖² from the partition instead of computing it: a stale one would give wrong tile scores,
    // and rows wrongly skipped. Removal moves the last row into the hole, growth copies the blocks: both must carry
    // the norm along, bit for bit what the kernel computes for the row now there.
    long seed = 17;
    SplittableRandom random = new SplittableRandom(seed);
    int dim = 37;
    Partition partition = new Partition(0, dim, 1);
    churn(partition, random, dim);
    float[] vectors = partition.vectorsUnlocked();
    float[] norms = partition.squaredNormsUnlocked();
    for (int r = 0; r < partition.size(); r++) {
      assertEquals(Float.floatToRawIntBits(VectorKernels.dot(vectors, r * dim, vectors, r * dim, dim)),
          Float.floatToRawIntBits(norms[r]), "seed " + seed + " row " + r);
    }
  }

  @Test
  void eachRowsCodesFollowItThroughAppendsRemovalsOverwritesAndGrowth() {
    // A quantized scan skips a row on its codes and its error: codes of another row, or a stale error, would skip a
    // row that belongs in the top k. Rows drawn wider than the quantizer was trained on are clamped: their error
    // must still bound ‖x − x̂‖.
    long seed = 23;
    SplittableRandom random = new SplittableRandom(seed);
    int dim = 19;
    float[] training = new float[50 * dim];
    for (int i = 0; i < training.length; i++) {
      training[i] = (float) random.nextGaussian();
    }
    RowQuantizer quantizer = RowQuantizer.train(training, 50, dim);
    Partition partition = new Partition(0, dim, 1, quantizer);
    churn(partition, random, dim);
    float[] vectors = partition.vectorsUnlocked();
    byte[] codes = partition.codesUnlocked();
    float[] errors = partition.codeErrorsUnlocked();
    byte[] expected = new byte[dim];
    for (int r = 0; r < partition.size(); r++) {
      float error = quantizer.encode(vectors, r * dim, expected, 0);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(codes, r * dim, (r + 1) * dim), "seed " + seed
          + " row " + r);
      assertEquals(error, errors[r], "seed " + seed + " row " + r);
      double squared = 0;
      for (int d = 0; d < dim; d++) {
        double residual = vectors[r * dim + d]
            - ((double) quantizer.offset()[d] + (double) quantizer.scale()[d] * codes[r * dim + d]);
        squared += residual * residual;
      }
      assertTrue(Math.sqrt(squared) <= errors[r], "seed " + seed + " row " + r + ": error " + errors[r]
          + " below " + Math.sqrt(squared));
    }
  }

  /** 3,000 random appends (60%), removals (20%) and overwrites (20%), growing the partition from one row. */
  private static void churn(Partition partition, SplittableRandom random, int dim) {
    for (int step = 0; step < 3_000; step++) {
      int size = partition.size();
      int action = random.nextInt(10);
      if (size == 0 || action < 6) {
        partition.append(step, vector(random, dim));
      } else if (action < 8) {
        partition.removeAt(random.nextInt(size));
      } else {
        partition.overwrite(random.nextInt(size), vector(random, dim));
      }
    }
  }

  private static float[] vector(SplittableRandom random, int dim) {
    float[] v = new float[dim];
    for (int j = 0; j < dim; j++) {
      v[j] = (float) random.nextGaussian() * 10;
    }
    return v;
  }
}
