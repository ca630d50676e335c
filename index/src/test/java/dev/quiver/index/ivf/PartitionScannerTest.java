package dev.quiver.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.index.Metric;
import dev.quiver.index.TestVectors;
import dev.quiver.index.search.TopKCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartitionScannerTest {

  @Test
  void aSharedScanGivesEachQueryWhatItsOwnScanGives() {
    // A batch's shared scan scores rows in 4 × 4 tiles and rescores only those near each query's k-th: ids and
    // scores must be bit-identical to a plain scan's, for both kernels' metrics, with and without a ceiling, for a
    // query count that is not a multiple of four and tiles that end mid-partition. Clustered rows, duplicated rows
    // and queries that are rows themselves put exact ties and near-ties at the k-th.
    int dim = 100; // tiles of 163 rows, and not a multiple of the SIMD width
    int n = 1_111;
    float[] points = TestVectors.clustered(n, dim, 6, 11);
    System.arraycopy(points, 7 * dim, points, 8 * dim, dim); // rows 7 and 8 equal
    System.arraycopy(points, 7 * dim, points, 500 * dim, dim);
    for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT}) {
      Partition partition = new Partition(0, dim, n);
      for (int i = 0; i < n; i++) {
        partition.append(1000L + i, Arrays.copyOfRange(points, i * dim, (i + 1) * dim));
      }
      float[][] queries = new float[9][];
      for (int q = 0; q < queries.length; q++) {
        queries[q] = Arrays.copyOfRange(points, q * 97 * dim, q * 97 * dim + dim);
      }
      queries[1] = Arrays.copyOfRange(points, 7 * dim, 8 * dim);
      PartitionScanner scanner = new PartitionScanner(metric, false);
      // Warm the kernels first: before the JIT compiles them, the Vector API's interpreted reduction may round a
      // last bit differently from the compiled one (as FlatCentroidIndexTest does).
      for (int round = 0; round < 50; round++) {
        scanner.scanGroup(partition, queries, collectors(queries.length, 10, Float.POSITIVE_INFINITY));
        for (float[] query : queries) {
          scanner.scan(partition, query, new TopKCollector(10, true));
        }
      }
      for (int k : new int[] {1, 10, 25}) {
        for (boolean ceiling : new boolean[] {false, true}) {
          TopKCollector[] shared = new TopKCollector[queries.length];
          TopKCollector[] alone = new TopKCollector[queries.length];
          for (int q = 0; q < queries.length; q++) {
            // A ceiling as a wave sets it: the k-th score of results merged so far, here the 2k-th of this scan.
            float bound = Float.POSITIVE_INFINITY;
            if (ceiling) {
              TopKCollector deeper = new TopKCollector(2 * k, true);
              scanner.scan(partition, queries[q], deeper);
              bound = deeper.worstScore();
            }
            shared[q] = collectors(1, k, bound)[0];
            alone[q] = collectors(1, k, bound)[0];
            assertEquals(n, scanner.scan(partition, queries[q], alone[q]));
          }
          assertEquals(n, scanner.scanGroup(partition, queries, shared));
          for (int q = 0; q < queries.length; q++) {
            String where = metric + ", k = " + k + ", ceiling " + ceiling + ", query " + q;
            assertArrayEquals(alone[q].sorted().ids(), shared[q].sorted().ids(), where);
            assertArrayEquals(alone[q].sorted().scores(), shared[q].sorted().scores(), where);
          }
        }
      }
    }
  }

  @Test
  void aQuantizedScanGivesWhatAPlainScanGives() {
    // The codes only decide which rows are scored again from their floats: ids and scores must be the plain scan's,
    // bit for bit, for L2 and inner product (cosine scans as inner product on normalised rows), with and without a
    // ceiling and a filter, with exact ties at the k-th, and with rows outside the range the quantizer was trained on
    // (clamped, so with large errors).
    int dim = 100;
    int n = 1_111;
    float[] points = TestVectors.clustered(n, dim, 6, 13);
    System.arraycopy(points, 7 * dim, points, 8 * dim, dim); // rows 7 and 8 equal
    for (int d = 0; d < dim; d++) {
      points[600 * dim + d] *= 5; // far outside the trained range
    }
    RowQuantizer quantizer = RowQuantizer.train(points, 500, dim); // trained on the first 500 rows only
    IdFilter odd = new IdFilter() {
      @Override
      public boolean test(long id) {
        return (id & 1) == 1;
      }

      @Override
      public double selectivity() {
        return 0.5;
      }
    };
    for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT}) {
      Partition plain = new Partition(0, dim, n);
      Partition coded = new Partition(1, dim, n, quantizer);
      for (int i = 0; i < n; i++) {
        float[] row = Arrays.copyOfRange(points, i * dim, (i + 1) * dim);
        plain.append(1000L + i, row);
        coded.append(1000L + i, row);
      }
      float[][] queries = new float[9][];
      for (int q = 0; q < queries.length; q++) {
        queries[q] = Arrays.copyOfRange(points, q * 97 * dim, q * 97 * dim + dim);
      }
      queries[1] = Arrays.copyOfRange(points, 7 * dim, 8 * dim);
      queries[2] = Arrays.copyOfRange(points, 600 * dim, 601 * dim);
      PartitionScanner scanner = new PartitionScanner(metric, false);
      for (int round = 0; round < 50; round++) { // warm the kernels together (see above)
        for (float[] query : queries) {
          scanner.scan(plain, query, new TopKCollector(10, true));
          scanner.scan(coded, query, new TopKCollector(10, true));
        }
      }
      for (int k : new int[] {1, 10, 25}) {
        for (boolean ceiling : new boolean[] {false, true}) {
          for (IdFilter filter : new IdFilter[] {null, odd}) {
            for (int q = 0; q < queries.length; q++) {
              float bound = Float.POSITIVE_INFINITY;
              if (ceiling) {
                TopKCollector deeper = new TopKCollector(2 * k, true);
                scanner.scan(plain, queries[q], deeper);
                bound = deeper.worstScore();
              }
              TopKCollector expected = collectors(1, k, bound)[0];
              TopKCollector actual = collectors(1, k, bound)[0];
              assertEquals(n, scanner.scan(plain, queries[q], expected, filter));
              assertEquals(n, scanner.scan(coded, queries[q], actual, filter));
              String where = metric + ", k = " + k + ", ceiling " + ceiling + ", filter " + (filter != null)
                  + ", query " + q;
              assertArrayEquals(expected.sorted().ids(), actual.sorted().ids(), where);
              assertArrayEquals(expected.sorted().scores(), actual.sorted().scores(), where);
            }
          }
        }
      }
    }
  }

  @Test
  void aSharedScanCountsOneAccessPerQuery() {
    int dim = 8;
    Partition partition = new Partition(0, dim, 10);
    for (int i = 0; i < 10; i++) {
      float[] row = new float[dim];
      row[i % dim] = i;
      partition.append(i, row);
    }
    float[][] queries = new float[5][dim];
    new PartitionScanner(Metric.L2).scanGroup(partition, queries, collectors(5, 3, Float.POSITIVE_INFINITY));
    assertEquals(5, partition.accessCount(), "as five scans would");
  }

  private static TopKCollector[] collectors(int count, int k, float ceiling) {
    TopKCollector[] tops = new TopKCollector[count];
    for (int i = 0; i < count; i++) {
      tops[i] = new TopKCollector(k, true);
      tops[i].bound(ceiling);
    }
    return tops;
  }
}
