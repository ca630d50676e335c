package dev.quiver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.replay.ReplayMethods;
import dev.quiver.bench.workload.QuerySource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench workload}'s command line: defaults, every option, and errors that name the option. */
class WorkloadBenchmarkOptionsTest {

  private static WorkloadBenchmark.Invocation parse(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--dataset";
    all[1] = "fmnist";
    System.arraycopy(args, 0, all, 2, args.length);
    return WorkloadBenchmark.parse(all);
  }

  /** The message of the IllegalArgumentException that parsing {@code args} throws. */
  private static String error(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
  }

  @Test
  void defaultsRunEveryMethodOnTheGeneratorsWorkload() {
    WorkloadBenchmark.Invocation invocation = parse();
    assertEquals(ReplayMethods.ALL, invocation.methods().names());
    assertEquals(List.of("frozen", "update", "lire", "ada-ivf", "quake", "ada-ivf+quake", "rebuild",
        "lucene-hnsw"), invocation.methods().names());
    assertEquals(1_000, invocation.settings().targetSize());
    assertEquals(0, invocation.settings().deltaCapacity());
    assertEquals(0.9, invocation.settings().recallTarget());
    assertEquals(10_000, invocation.params().updateSize());
    assertTrue(Double.isInfinite(invocation.params().insertDeleteRatio()));
    assertEquals(0.1, invocation.paramsFor(60_000).initialFraction());
    assertEquals(QuerySource.DATASET, invocation.params().querySource());
    assertTrue(invocation.settings().interleaved());
    assertFalse(parse("--sequential").settings().interleaved());
    assertEquals(1, invocation.repeats());
    assertEquals(3, parse("--repeat", "3").repeats());
    assertTrue(error("--repeat", "0").contains("--repeat must be at least 1"), error("--repeat", "0"));
  }

  @Test
  void generatorOptionsReachTheParameters() {
    WorkloadBenchmark.Invocation invocation = parse("--s0", "6000", "--su", "2000", "--rid", "3", "--rrw", "0.25",
        "--csf-u", "0.01", "--clusters", "50", "--steps", "7", "--k", "20", "--seed", "9", "--delta", "500",
        "--target-size", "300", "--warmup", "0", "--recall", "0.95");
    assertEquals(0.1, invocation.paramsFor(60_000).initialFraction(), 1e-12);
    assertEquals(2_000, invocation.params().updateSize());
    assertEquals(3.0, invocation.params().insertDeleteRatio());
    assertEquals(0.25, invocation.params().readWriteRatio());
    assertEquals(0.01, invocation.params().updateClusterSampleFraction());
    assertEquals(50, invocation.params().clusters());
    assertEquals(7, invocation.params().steps());
    assertEquals(20, invocation.params().k());
    assertEquals(9, invocation.params().seed());
    assertEquals(9, invocation.settings().seed());
    assertEquals(500, invocation.settings().deltaCapacity());
    assertEquals(300, invocation.settings().targetSize());
    assertEquals(0, invocation.settings().warmUpSearches());
    assertEquals(0.95, invocation.settings().recallTarget());
    assertTrue(Double.isInfinite(parse("--rid", "inf").params().insertDeleteRatio()));
  }

  @Test
  void csfQSamplesQueriesFromTheClusters() {
    WorkloadBenchmark.Invocation invocation = parse("--csf-q", "0.05");
    assertEquals(QuerySource.CLUSTER_SAMPLED, invocation.params().querySource());
    assertEquals(0.05, invocation.params().queryClusterSampleFraction());
    assertEquals(QuerySource.CLUSTER_SAMPLED, parse("--queries-from", "clusters").params().querySource());
    assertTrue(error("--csf-q", "0.05", "--queries-from", "dataset").contains("--csf-q"));
    assertTrue(error("--queries-from", "elsewhere").contains("--queries-from"));
  }

  @Test
  void policyOptionsAreRepeatableAndGoToTheirPolicy() {
    WorkloadBenchmark.Invocation invocation = parse("--policy", "ada-ivf,lire,quake,lucene-hnsw", "--policy-option",
        "ada-ivf:tau_f=0.5", "--policy-option", "lire:radius=10,quake:radius=5", "--policy-option",
        "lucene-hnsw:ef=40");
    assertEquals(List.of("ada-ivf", "lire", "quake", "lucene-hnsw"), invocation.methods().names());
    assertEquals(Map.of("tau_f", "0.5"), invocation.methods().optionsOf("ada-ivf"));
    assertEquals(Map.of("radius", "10"), invocation.methods().optionsOf("lire"));
    assertEquals(Map.of("radius", "5"), invocation.methods().optionsOf("quake"));
    assertEquals(Map.of("ef", "40"), invocation.methods().optionsOf("lucene-hnsw"));
  }

  @Test
  void anUnknownOrRepeatedPolicyIsNamed() {
    String unknown = error("--policy", "frozen,bogus");
    assertTrue(unknown.contains("--policy") && unknown.contains("bogus") && unknown.contains("ada-ivf"), unknown);
    String twice = error("--policy", "lire,lire");
    assertTrue(twice.contains("--policy") && twice.contains("lire"), twice);
  }

  @Test
  void aBadPolicyOptionIsNamed() {
    String unknownKey = error("--policy", "ada-ivf", "--policy-option", "ada-ivf:nonsense=1");
    assertTrue(unknownKey.contains("--policy-option") && unknownKey.contains("nonsense"), unknownKey);
    String badValue = error("--policy", "ada-ivf", "--policy-option", "ada-ivf:tau_f=abc");
    assertTrue(badValue.contains("--policy-option") && badValue.contains("tau_f"), badValue);
    String noMethod = error("--policy-option", "tau_f=0.5");
    assertTrue(noMethod.contains("--policy-option") && noMethod.contains("method:key=value"), noMethod);
    String notRun = error("--policy", "ada-ivf", "--policy-option", "quake:radius=3");
    assertTrue(notRun.contains("--policy-option") && notRun.contains("quake"), notRun);
    String unknownMethod = error("--policy-option", "hnsw:ef=3");
    assertTrue(unknownMethod.contains("--policy-option") && unknownMethod.contains("hnsw"), unknownMethod);
    String lucene = error("--policy-option", "lucene-hnsw:ef=wide");
    assertTrue(lucene.contains("--policy-option") && lucene.contains("ef"), lucene);
    String luceneKey = error("--policy-option", "lucene-hnsw:efSearch=10");
    assertTrue(luceneKey.contains("--policy-option") && luceneKey.contains("efSearch"), luceneKey);
  }

  @Test
  void badGeneratorValuesNameTheOption() {
    assertTrue(error("--rid", "-1").contains("--rid"));
    assertTrue(error("--rid", "many").contains("--rid"));
    assertTrue(error("--su", "0").contains("--su"));
    assertTrue(error("--csf-u", "1.5").contains("--csf-u"));
    assertTrue(error("--s0", "2.5").contains("--s0"));
    assertTrue(error("--steps", "-3").contains("--steps"));
    assertTrue(error("--delta", "-3").contains("--delta"));
    assertTrue(error("--target-size", "0").contains("--target-size"));
    assertTrue(error("--recall", "1.5").contains("--recall"));
    assertTrue(error("--frobnicate", "1").contains("--frobnicate"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--s0", "70000").paramsFor(60_000))
        .getMessage().contains("--s0"));
  }
}
