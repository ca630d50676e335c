package dev.quiver.index.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API ({@code jdk.incubator.vector}), at the widest species the CPU prefers (16 lanes
 * with AVX-512, 8 with AVX2). Each kernel has the same shape: a vector loop, then a scalar tail for the last
 * {@code dim % lanes} components. Loaded only after {@link VectorKernels} has checked that the module is present.
 *
 * <p>{@code reduceLanes(ADD)} adds the lanes in lane order while a kernel is interpreted or C1-compiled, and in C2's
 * own tree order once it is C2-compiled (seen on AVX-512; identical on AVX2). So a pair's score can differ in its last
 * bits between a cold and a warm kernel. Searches compared for identity (batched and parallel against serial) go
 * through the same kernel method, and warm up together. An explicit shuffle tree, identical in every tier, costs
 * 0.5 ns more per row on AVX-512 (2.5 against 2.0 ns a reduction), so it is not used.
 */
final class PanamaKernels implements DistanceKernels {

  static final PanamaKernels INSTANCE = new PanamaKernels();

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** One byte per float lane: a load of codes widens to exactly one float register. */
  private static final VectorSpecies<Byte> CODE_SPECIES = VectorSpecies.of(byte.class,
      VectorShape.forBitSize(LANES * Byte.SIZE));
  /**
   * Query vectors the bulk kernels keep in registers across rows. Eight, with 4 accumulators and 4 operands, fill
   * AVX2's 16 registers; 16 at 384 dimensions on AVX-512 streamed slower (bench/RESULTS.md, issue 3).
   */
  private static final int HOISTED = 8;

  private PanamaKernels() {}

  @Override
  public String name() {
    return "panama";
  }

  /** Lanes per vector register of the species in use; reported by the kernel benchmark. */
  static int lanes() {
    return LANES;
  }

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0f;
    if (dim >= LANES) {
      // Four independent accumulators hide the FMA latency (4 cycles) behind the two loads per step.
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int unrolled = dim - 4 * LANES;
      for (; i <= unrolled; i += 4 * LANES) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
        FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES));
        FloatVector d2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES));
        FloatVector d3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      int bound = SPECIES.loopBound(dim);
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
        acc0 = d.fma(d, acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0f;
    if (dim >= LANES) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int unrolled = dim - 4 * LANES;
      for (; i <= unrolled; i += 4 * LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES), acc1);
        acc2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES), acc2);
        acc3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES), acc3);
      }
      int bound = SPECIES.loopBound(dim);
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float ab = 0f, aa = 0f, bb = 0f;
    if (dim >= LANES) {
      FloatVector accAb = FloatVector.zero(SPECIES);
      FloatVector accAa = FloatVector.zero(SPECIES);
      FloatVector accBb = FloatVector.zero(SPECIES);
      int bound = SPECIES.loopBound(dim);
      for (; i < bound; i += LANES) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector y = FloatVector.fromArray(SPECIES, b, bOffset + i);
        accAb = x.fma(y, accAb);
        accAa = x.fma(x, accAa);
        accBb = y.fma(y, accBb);
      }
      ab = accAb.reduceLanes(VectorOperators.ADD);
      aa = accAa.reduceLanes(VectorOperators.ADD);
      bb = accBb.reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      float x = a[aOffset + i];
      float y = b[bOffset + i];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    return ScalarKernels.cosineOf(ab, aa, bb);
  }

  @Override
  public void squaredL2Bulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    // One row at a time, each with four accumulators over the dimension. Measured against interleaving four rows
    // (which loads each query segment once for four rows): that is ~10% faster when the block is in cache but reads
    // memory at a third of the bandwidth, because four interleaved streams defeat the hardware prefetcher; partition
    // scans mostly stream from memory, so rows are read one after another, in address order.
    if (dim < HOISTED * LANES) {
      squaredL2BulkShort(query, block, firstRow, rows, dim, out);
      return;
    }
    // The query's first HOISTED vectors stay in registers across rows, so those steps load one vector per FMA
    // instead of two. The accumulators see the same vectors in the same order as squaredL2BulkShort's loop (vector j
    // into accumulator j mod 4), so the additions round as before. Measured on 128 dimensions, AVX-512: 6.3-7.7 ns
    // a row against 10-12 ns when the block is in L2 or L3 (a partition read again within a batch, the centroid
    // table), the same 22-23 ns when it streams from memory; on 384 and 784 dimensions about 10% in cache.
    FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
    FloatVector q1 = FloatVector.fromArray(SPECIES, query, LANES);
    FloatVector q2 = FloatVector.fromArray(SPECIES, query, 2 * LANES);
    FloatVector q3 = FloatVector.fromArray(SPECIES, query, 3 * LANES);
    FloatVector q4 = FloatVector.fromArray(SPECIES, query, 4 * LANES);
    FloatVector q5 = FloatVector.fromArray(SPECIES, query, 5 * LANES);
    FloatVector q6 = FloatVector.fromArray(SPECIES, query, 6 * LANES);
    FloatVector q7 = FloatVector.fromArray(SPECIES, query, 7 * LANES);
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector d0 = FloatVector.fromArray(SPECIES, block, o).sub(q0);
      FloatVector d1 = FloatVector.fromArray(SPECIES, block, o + LANES).sub(q1);
      FloatVector d2 = FloatVector.fromArray(SPECIES, block, o + 2 * LANES).sub(q2);
      FloatVector d3 = FloatVector.fromArray(SPECIES, block, o + 3 * LANES).sub(q3);
      // d·d rounds like fma(d, d, 0), the short loop's first step.
      FloatVector acc0 = d0.mul(d0);
      FloatVector acc1 = d1.mul(d1);
      FloatVector acc2 = d2.mul(d2);
      FloatVector acc3 = d3.mul(d3);
      d0 = FloatVector.fromArray(SPECIES, block, o + 4 * LANES).sub(q4);
      d1 = FloatVector.fromArray(SPECIES, block, o + 5 * LANES).sub(q5);
      d2 = FloatVector.fromArray(SPECIES, block, o + 6 * LANES).sub(q6);
      d3 = FloatVector.fromArray(SPECIES, block, o + 7 * LANES).sub(q7);
      acc0 = d0.fma(d0, acc0);
      acc1 = d1.fma(d1, acc1);
      acc2 = d2.fma(d2, acc2);
      acc3 = d3.fma(d3, acc3);
      int i = HOISTED * LANES;
      for (; i <= unrolledBound; i += 4 * LANES) {
        d0 = FloatVector.fromArray(SPECIES, block, o + i).sub(FloatVector.fromArray(SPECIES, query, i));
        d1 = FloatVector.fromArray(SPECIES, block, o + i + LANES).sub(FloatVector.fromArray(SPECIES, query, i + LANES));
        d2 = FloatVector.fromArray(SPECIES, block, o + i + 2 * LANES)
            .sub(FloatVector.fromArray(SPECIES, query, i + 2 * LANES));
        d3 = FloatVector.fromArray(SPECIES, block, o + i + 3 * LANES)
            .sub(FloatVector.fromArray(SPECIES, query, i + 3 * LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, block, o + i).sub(FloatVector.fromArray(SPECIES, query, i));
        acc0 = d.fma(d, acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        float d = block[o + i] - query[i];
        sum += d * d;
      }
      out[r] = sum;
    }
  }

  /** {@link #squaredL2Bulk} for fewer than {@link #HOISTED} vectors a row, and the order the long form reproduces. */
  private static void squaredL2BulkShort(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int i = 0;
      for (; i <= unrolledBound; i += 4 * LANES) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, block, o + i).sub(FloatVector.fromArray(SPECIES, query, i));
        FloatVector d1 = FloatVector.fromArray(SPECIES, block, o + i + LANES)
            .sub(FloatVector.fromArray(SPECIES, query, i + LANES));
        FloatVector d2 = FloatVector.fromArray(SPECIES, block, o + i + 2 * LANES)
            .sub(FloatVector.fromArray(SPECIES, query, i + 2 * LANES));
        FloatVector d3 = FloatVector.fromArray(SPECIES, block, o + i + 3 * LANES)
            .sub(FloatVector.fromArray(SPECIES, query, i + 3 * LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, block, o + i).sub(FloatVector.fromArray(SPECIES, query, i));
        acc0 = d.fma(d, acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        float d = block[o + i] - query[i];
        sum += d * d;
      }
      out[r] = sum;
    }
  }

  @Override
  public void dotBulk(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    // Row order and accumulators as in squaredL2Bulk, and the query's first HOISTED vectors held in registers in the
    // same way, in dotBulkShort's order of additions.
    if (dim < HOISTED * LANES) {
      dotBulkShort(query, block, firstRow, rows, dim, out);
      return;
    }
    FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
    FloatVector q1 = FloatVector.fromArray(SPECIES, query, LANES);
    FloatVector q2 = FloatVector.fromArray(SPECIES, query, 2 * LANES);
    FloatVector q3 = FloatVector.fromArray(SPECIES, query, 3 * LANES);
    FloatVector q4 = FloatVector.fromArray(SPECIES, query, 4 * LANES);
    FloatVector q5 = FloatVector.fromArray(SPECIES, query, 5 * LANES);
    FloatVector q6 = FloatVector.fromArray(SPECIES, query, 6 * LANES);
    FloatVector q7 = FloatVector.fromArray(SPECIES, query, 7 * LANES);
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector acc0 = FloatVector.fromArray(SPECIES, block, o).mul(q0);
      FloatVector acc1 = FloatVector.fromArray(SPECIES, block, o + LANES).mul(q1);
      FloatVector acc2 = FloatVector.fromArray(SPECIES, block, o + 2 * LANES).mul(q2);
      FloatVector acc3 = FloatVector.fromArray(SPECIES, block, o + 3 * LANES).mul(q3);
      acc0 = FloatVector.fromArray(SPECIES, block, o + 4 * LANES).fma(q4, acc0);
      acc1 = FloatVector.fromArray(SPECIES, block, o + 5 * LANES).fma(q5, acc1);
      acc2 = FloatVector.fromArray(SPECIES, block, o + 6 * LANES).fma(q6, acc2);
      acc3 = FloatVector.fromArray(SPECIES, block, o + 7 * LANES).fma(q7, acc3);
      int i = HOISTED * LANES;
      for (; i <= unrolledBound; i += 4 * LANES) {
        acc0 = FloatVector.fromArray(SPECIES, block, o + i).fma(FloatVector.fromArray(SPECIES, query, i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, block, o + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + LANES), acc1);
        acc2 = FloatVector.fromArray(SPECIES, block, o + i + 2 * LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + 2 * LANES), acc2);
        acc3 = FloatVector.fromArray(SPECIES, block, o + i + 3 * LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + 3 * LANES), acc3);
      }
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, block, o + i).fma(FloatVector.fromArray(SPECIES, query, i), acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        sum += block[o + i] * query[i];
      }
      out[r] = sum;
    }
  }

  /** {@link #dotBulk} for fewer than {@link #HOISTED} vectors a row, and the order the long form reproduces. */
  private static void dotBulkShort(float[] query, float[] block, int firstRow, int rows, int dim, float[] out) {
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int i = 0;
      for (; i <= unrolledBound; i += 4 * LANES) {
        acc0 = FloatVector.fromArray(SPECIES, block, o + i).fma(FloatVector.fromArray(SPECIES, query, i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, block, o + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + LANES), acc1);
        acc2 = FloatVector.fromArray(SPECIES, block, o + i + 2 * LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + 2 * LANES), acc2);
        acc3 = FloatVector.fromArray(SPECIES, block, o + i + 3 * LANES)
            .fma(FloatVector.fromArray(SPECIES, query, i + 3 * LANES), acc3);
      }
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, block, o + i).fma(FloatVector.fromArray(SPECIES, query, i), acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        sum += block[o + i] * query[i];
      }
      out[r] = sum;
    }
  }

  @Override
  public void dotTile4x4(float[] a, int aRow, float[] b, int bRow, int dim, float[] out) {
    // Sixteen accumulators for a 4 × 4 tile: each step loads 8 vectors for 16 FMAs, so the loop is bound by FMA
    // throughput instead of loads (a single dot product loads two vectors per FMA). Sixteen accumulators plus eight
    // operands fit the 32 vector registers of AVX-512.
    int a0 = aRow * dim;
    int a1 = a0 + dim;
    int a2 = a1 + dim;
    int a3 = a2 + dim;
    int b0 = bRow * dim;
    int b1 = b0 + dim;
    int b2 = b1 + dim;
    int b3 = b2 + dim;
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = FloatVector.zero(SPECIES);
    FloatVector s02 = FloatVector.zero(SPECIES);
    FloatVector s03 = FloatVector.zero(SPECIES);
    FloatVector s10 = FloatVector.zero(SPECIES);
    FloatVector s11 = FloatVector.zero(SPECIES);
    FloatVector s12 = FloatVector.zero(SPECIES);
    FloatVector s13 = FloatVector.zero(SPECIES);
    FloatVector s20 = FloatVector.zero(SPECIES);
    FloatVector s21 = FloatVector.zero(SPECIES);
    FloatVector s22 = FloatVector.zero(SPECIES);
    FloatVector s23 = FloatVector.zero(SPECIES);
    FloatVector s30 = FloatVector.zero(SPECIES);
    FloatVector s31 = FloatVector.zero(SPECIES);
    FloatVector s32 = FloatVector.zero(SPECIES);
    FloatVector s33 = FloatVector.zero(SPECIES);
    int bound = SPECIES.loopBound(dim);
    int k = 0;
    for (; k < bound; k += LANES) {
      FloatVector x0 = FloatVector.fromArray(SPECIES, a, a0 + k);
      FloatVector x1 = FloatVector.fromArray(SPECIES, a, a1 + k);
      FloatVector x2 = FloatVector.fromArray(SPECIES, a, a2 + k);
      FloatVector x3 = FloatVector.fromArray(SPECIES, a, a3 + k);
      FloatVector y = FloatVector.fromArray(SPECIES, b, b0 + k);
      s00 = x0.fma(y, s00);
      s10 = x1.fma(y, s10);
      s20 = x2.fma(y, s20);
      s30 = x3.fma(y, s30);
      y = FloatVector.fromArray(SPECIES, b, b1 + k);
      s01 = x0.fma(y, s01);
      s11 = x1.fma(y, s11);
      s21 = x2.fma(y, s21);
      s31 = x3.fma(y, s31);
      y = FloatVector.fromArray(SPECIES, b, b2 + k);
      s02 = x0.fma(y, s02);
      s12 = x1.fma(y, s12);
      s22 = x2.fma(y, s22);
      s32 = x3.fma(y, s32);
      y = FloatVector.fromArray(SPECIES, b, b3 + k);
      s03 = x0.fma(y, s03);
      s13 = x1.fma(y, s13);
      s23 = x2.fma(y, s23);
      s33 = x3.fma(y, s33);
    }
    out[0] = s00.reduceLanes(VectorOperators.ADD);
    out[1] = s01.reduceLanes(VectorOperators.ADD);
    out[2] = s02.reduceLanes(VectorOperators.ADD);
    out[3] = s03.reduceLanes(VectorOperators.ADD);
    out[4] = s10.reduceLanes(VectorOperators.ADD);
    out[5] = s11.reduceLanes(VectorOperators.ADD);
    out[6] = s12.reduceLanes(VectorOperators.ADD);
    out[7] = s13.reduceLanes(VectorOperators.ADD);
    out[8] = s20.reduceLanes(VectorOperators.ADD);
    out[9] = s21.reduceLanes(VectorOperators.ADD);
    out[10] = s22.reduceLanes(VectorOperators.ADD);
    out[11] = s23.reduceLanes(VectorOperators.ADD);
    out[12] = s30.reduceLanes(VectorOperators.ADD);
    out[13] = s31.reduceLanes(VectorOperators.ADD);
    out[14] = s32.reduceLanes(VectorOperators.ADD);
    out[15] = s33.reduceLanes(VectorOperators.ADD);
    for (; k < dim; k++) {
      for (int i = 0; i < 4; i++) {
        float x = a[a0 + i * dim + k];
        for (int j = 0; j < 4; j++) {
          out[4 * i + j] += x * b[b0 + j * dim + k];
        }
      }
    }
  }

  /** Two registers of rows per panel (16 floats with AVX2, 32 with AVX-512). */
  private static final int PANEL_WIDTH = 2 * LANES;

  @Override
  public int panelWidth() {
    return PANEL_WIDTH;
  }

  @Override
  public void dotPanel4(float[] a, int aRow, float[] panels, int panel, int dim, float[] out) {
    // Eight accumulators (four queries × two registers of rows), two row loads and four broadcasts per component:
    // 14 live registers, so nothing spills on AVX2, and eight FMAs per step keep both FMA pipes busy.
    int a0 = aRow * dim;
    int a1 = a0 + dim;
    int a2 = a1 + dim;
    int a3 = a2 + dim;
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = FloatVector.zero(SPECIES);
    FloatVector s10 = FloatVector.zero(SPECIES);
    FloatVector s11 = FloatVector.zero(SPECIES);
    FloatVector s20 = FloatVector.zero(SPECIES);
    FloatVector s21 = FloatVector.zero(SPECIES);
    FloatVector s30 = FloatVector.zero(SPECIES);
    FloatVector s31 = FloatVector.zero(SPECIES);
    int o = panel * dim * PANEL_WIDTH;
    for (int k = 0; k < dim; k++, o += PANEL_WIDTH) {
      FloatVector y0 = FloatVector.fromArray(SPECIES, panels, o);
      FloatVector y1 = FloatVector.fromArray(SPECIES, panels, o + LANES);
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + k]);
      s00 = x.fma(y0, s00);
      s01 = x.fma(y1, s01);
      x = FloatVector.broadcast(SPECIES, a[a1 + k]);
      s10 = x.fma(y0, s10);
      s11 = x.fma(y1, s11);
      x = FloatVector.broadcast(SPECIES, a[a2 + k]);
      s20 = x.fma(y0, s20);
      s21 = x.fma(y1, s21);
      x = FloatVector.broadcast(SPECIES, a[a3 + k]);
      s30 = x.fma(y0, s30);
      s31 = x.fma(y1, s31);
    }
    s00.intoArray(out, 0);
    s01.intoArray(out, LANES);
    s10.intoArray(out, PANEL_WIDTH);
    s11.intoArray(out, PANEL_WIDTH + LANES);
    s20.intoArray(out, 2 * PANEL_WIDTH);
    s21.intoArray(out, 2 * PANEL_WIDTH + LANES);
    s30.intoArray(out, 3 * PANEL_WIDTH);
    s31.intoArray(out, 3 * PANEL_WIDTH + LANES);
  }

  @Override
  public int positionsAtMost(float[] scores, int n, float threshold, int[] out) {
    // One compare and one mask-to-bits move per register of scores; only the lanes that pass cost a store. Why: the
    // branch-free scalar pass stored a key for every score, and at 4,000 centroids it was a sixth of a query's
    // centroid pass (JFR, 1M × 128), where 2-10% of the scores pass.
    FloatVector limit = FloatVector.broadcast(SPECIES, threshold);
    int capacity = out.length;
    int found = 0;
    int bound = SPECIES.loopBound(n);
    int i = 0;
    for (; i < bound; i += LANES) {
      long passing = FloatVector.fromArray(SPECIES, scores, i).compare(VectorOperators.LE, limit).toLong();
      while (passing != 0) {
        if (found < capacity) {
          out[found] = i + Long.numberOfTrailingZeros(passing);
        }
        found++;
        passing &= passing - 1;
      }
    }
    for (; i < n; i++) {
      if (scores[i] <= threshold) {
        if (found < capacity) {
          out[found] = i;
        }
        found++;
      }
    }
    return found;
  }

  @Override
  public void squaredL2Codes(float[] center, float[] scale, byte[] codes, int firstRow, int rows, int dim,
      float[] out) {
    // Each code widens to a float lane (one load of LANES bytes, one conversion), then x = scale·code + center and
    // x·x accumulate by FMA: a quarter of the float kernel's bytes for one more FMA a vector (bench/RESULTS.md,
    // issue 3: a scratch probe scored 128 dimensions at 25-27 against 61-78 ns a row on AVX2, streaming from memory).
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int i = 0;
      for (; i <= unrolledBound; i += 4 * LANES) {
        FloatVector x0 = widen(codes, o + i).fma(FloatVector.fromArray(SPECIES, scale, i),
            FloatVector.fromArray(SPECIES, center, i));
        FloatVector x1 = widen(codes, o + i + LANES).fma(FloatVector.fromArray(SPECIES, scale, i + LANES),
            FloatVector.fromArray(SPECIES, center, i + LANES));
        FloatVector x2 = widen(codes, o + i + 2 * LANES).fma(FloatVector.fromArray(SPECIES, scale, i + 2 * LANES),
            FloatVector.fromArray(SPECIES, center, i + 2 * LANES));
        FloatVector x3 = widen(codes, o + i + 3 * LANES).fma(FloatVector.fromArray(SPECIES, scale, i + 3 * LANES),
            FloatVector.fromArray(SPECIES, center, i + 3 * LANES));
        acc0 = x0.fma(x0, acc0);
        acc1 = x1.fma(x1, acc1);
        acc2 = x2.fma(x2, acc2);
        acc3 = x3.fma(x3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector x = widen(codes, o + i).fma(FloatVector.fromArray(SPECIES, scale, i),
            FloatVector.fromArray(SPECIES, center, i));
        acc0 = x.fma(x, acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        float x = Math.fma(scale[i], codes[o + i], center[i]);
        sum = Math.fma(x, x, sum);
      }
      out[r] = sum;
    }
  }

  @Override
  public void dotCodes(float[] weight, byte[] codes, int firstRow, int rows, int dim, float[] out) {
    int bound = SPECIES.loopBound(dim);
    int unrolledBound = dim - 4 * LANES;
    for (int r = 0; r < rows; r++) {
      int o = (firstRow + r) * dim;
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int i = 0;
      for (; i <= unrolledBound; i += 4 * LANES) {
        acc0 = widen(codes, o + i).fma(FloatVector.fromArray(SPECIES, weight, i), acc0);
        acc1 = widen(codes, o + i + LANES).fma(FloatVector.fromArray(SPECIES, weight, i + LANES), acc1);
        acc2 = widen(codes, o + i + 2 * LANES).fma(FloatVector.fromArray(SPECIES, weight, i + 2 * LANES), acc2);
        acc3 = widen(codes, o + i + 3 * LANES).fma(FloatVector.fromArray(SPECIES, weight, i + 3 * LANES), acc3);
      }
      for (; i < bound; i += LANES) {
        acc0 = widen(codes, o + i).fma(FloatVector.fromArray(SPECIES, weight, i), acc0);
      }
      float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
      for (; i < dim; i++) {
        sum = Math.fma(weight[i], codes[o + i], sum);
      }
      out[r] = sum;
    }
  }

  /** {@code LANES} signed codes from {@code offset}, as floats. */
  private static FloatVector widen(byte[] codes, int offset) {
    return (FloatVector) ByteVector.fromArray(CODE_SPECIES, codes, offset).convertShape(VectorOperators.B2F,
        SPECIES, 0);
  }
}
