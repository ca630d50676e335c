package dev.quiver.bench.workload;

import dev.quiver.bench.data.ClusteredGenerator;
import dev.quiver.bench.data.FloatRows;
import dev.quiver.bench.data.GeneratorParams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small datasets and helpers shared by the workload tests. */
final class WorkloadTestData {

  static final long SEED = 20_240_601L;
  /** 4,000 × 16 vectors in 20 equal Gaussian clusters. */
  static final ClusteredGenerator CLUSTERED =
      new ClusteredGenerator(GeneratorParams.of(4_000, 16, SEED).withClusters(20).withSkew(0));
  static final FloatRows BASE = CLUSTERED.base(1);
  static final FloatRows QUERIES = CLUSTERED.queries(100, 1);

  private WorkloadTestData() {}

  /** Parameters sized for {@link #BASE}: 20 locality clusters, batches of 50, 200 queries per 10 batches. */
  static WorkloadParams small() {
    return WorkloadParams.defaults().withClusters(20).withUpdateSize(50).withReadWriteRatio(0.4).withSteps(30)
        .withSeed(SEED);
  }

  /** Independent standard-normal vectors. */
  static FloatRows gaussian(int count, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[count * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return new FloatRows(v, count, dim);
  }

  /** Every operation of a fresh stream, in order. */
  static List<WorkloadOperation> drain(WorkloadStream stream) {
    List<WorkloadOperation> ops = new ArrayList<>();
    stream.forEachRemaining(ops::add);
    return ops;
  }
}
