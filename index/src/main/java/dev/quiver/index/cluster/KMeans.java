package dev.quiver.index.cluster;

import dev.quiver.index.kernel.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Seeded k-means: sampled initialisation, Lloyd iterations with parallel assignment, repair of empty clusters, and
 * an optional balancing pass.
 *
 * <p>Initialisation is k-means++ (D² sampling) over a pool of at most 8k sampled points when that costs under
 * {@value #KMEANS_PLUS_PLUS_BUDGET} multiply-adds, else k distinct random points (Faiss's choice): at k in the
 * thousands, k-means++ is a sequential pass per centroid and would cost more than all Lloyd iterations together.
 *
 * <p>An empty cluster is repaired by splitting a large one: the empty centroid takes a copy of a centroid picked
 * with probability proportional to its cluster's size, and the two are nudged apart by ±1/1024 per component, so no
 * centroid is ever NaN or a duplicate.
 */
public final class KMeans {

  /** Multiply-adds above which initialisation falls back from k-means++ to random distinct points. */
  static final long KMEANS_PLUS_PLUS_BUDGET = 1L << 31;
  private static final float SPLIT_EPSILON = 1f / 1024;

  private KMeans() {}

  /**
   * Trains {@code params.clusters()} centroids on {@code n} row-major points of dimension {@code dim}.
   *
   * @throws IllegalArgumentException when there are fewer points than clusters, or sizes disagree
   */
  public static Clustering train(float[] points, int n, int dim, KMeansParams params) {
    int k = params.clusters();
    if (dim < 1 || (long) n * dim > points.length) {
      throw new IllegalArgumentException("points: expected " + n + " × " + dim + " floats, got " + points.length);
    }
    if (n < k) {
      throw new IllegalArgumentException("clusters: " + k + " exceeds the " + n
          + " points to train on; use at most " + n + " partitions");
    }
    SplittableRandom random = new SplittableRandom(params.seed());
    int sampleSize = params.maxPointsPerCluster() == 0
        ? n : (int) Math.min(n, (long) k * params.maxPointsPerCluster());
    float[] sample = sampleSize == n ? points : sampleRows(points, n, dim, sampleSize, random);

    ForkJoinPool pool = new ForkJoinPool(params.effectiveThreads());
    try {
      float[] centroids = initialise(sample, sampleSize, dim, k, random);
      if (params.spherical()) {
        normaliseRows(centroids, k, dim);
      }
      int[] assignment = new int[sampleSize];
      int[] sizes = new int[k];
      for (int iteration = 0; iteration < params.iterations(); iteration++) {
        new CentroidAssigner(centroids, k, dim, false).assign(sample, sampleSize, assignment, null, pool);
        update(sample, sampleSize, dim, assignment, centroids, sizes, params.spherical(), random);
      }
      if (params.balanced() && k > 1) {
        int[] caps = new int[k];
        Arrays.fill(caps, (int) Math.ceil((double) sampleSize / k * (1 + params.balanceTolerance())));
        for (int round = 0; round < 2; round++) {
          BalancedAssignment.assign(sample, sampleSize, dim, centroids, k, caps, assignment, pool);
          update(sample, sampleSize, dim, assignment, centroids, sizes, params.spherical(), random);
        }
      }
      return new Clustering(centroids, k, dim);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Refines given centroids on {@code n} points: {@code params.iterations()} Lloyd iterations from
   * {@code initialCentroids} (0 keeps them), then, with {@code params.balanced()}, one balancing round. Local
   * reindexing starts from the current centroids (Ada-IVF Alg. 4, line 15) so that a region keeps its shape and only
   * moves as far as its data asks. Every point is used.
   *
   * <p>At {@code k} ≥ 2 × {@value NeighbourhoodAssigner#NEIGHBOURHOOD} only the first assignment scores every point
   * against every centroid (none does, given the points' {@link Origins}); the later ones (the other iterations and
   * the balancing candidates) look among the {@value NeighbourhoodAssigner#NEIGHBOURHOOD} centroids nearest the
   * point's current one, since a Lloyd step moves a point between neighbouring clusters. A region covering most of
   * the index was reclustered with full passes only (bench/RESULTS.md, issue 5, "Neighbourhood-restricted
   * reclustering"). The caller's final assignment of the rows stays a full one: it decides what the partitions
   * hold, and searches and the recall model take each partition for its centroid's Voronoi cell.
   */
  public static Clustering refine(float[] points, int n, int dim, float[] initialCentroids, KMeansParams params) {
    return refine(points, n, dim, initialCentroids, params, null);
  }

  /**
   * Where a region's points come from, for {@link #refine}'s first assignment: the points form groups (the
   * partitions they were gathered from) around known centres (those partitions' centroids), and the seeds nearest a
   * group's centre are where its points' nearest seeds are. With it, no pass of a restricted refinement scores every
   * point against every centroid.
   *
   * @param group per point, its group
   * @param centres {@code groups × dim} floats, each group's centre
   * @param groups how many groups
   */
  public record Origins(int[] group, float[] centres, int groups) {}

  /**
   * {@link #refine(float[], int, int, float[], KMeansParams)}, whose first assignment, when {@code origins} is not
   * null and the restriction pays, looks for each point's nearest seed among the seeds nearest its group's centre
   * rather than among all.
   */
  public static Clustering refine(float[] points, int n, int dim, float[] initialCentroids, KMeansParams params,
      Origins origins) {
    int k = params.clusters();
    if (initialCentroids.length != k * dim || (long) n * dim > points.length) {
      throw new IllegalArgumentException("initialCentroids: expected " + k + " × " + dim + " floats, got "
          + initialCentroids.length);
    }
    float[] centroids = initialCentroids.clone();
    if (n == 0) {
      return new Clustering(centroids, k, dim);
    }
    SplittableRandom random = new SplittableRandom(params.seed());
    ForkJoinPool pool = new ForkJoinPool(params.effectiveThreads());
    try {
      boolean restrict = NeighbourhoodAssigner.worthIt(k);
      int[] assignment = null;
      if (restrict && origins != null && params.iterations() > 0) {
        assignment = new int[n];
        NeighbourhoodAssigner.nearest(points, n, dim, centroids, k, origins.group(), origins.centres(),
            origins.groups(), 1, assignment, null, pool);
      }
      int[] sizes = new int[k];
      for (int iteration = 0; iteration < params.iterations(); iteration++) {
        assignment = nearest(points, n, dim, centroids, k, restrict ? assignment : null, pool);
        update(points, n, dim, assignment, centroids, sizes, params.spherical(), random);
      }
      if (params.balanced() && k > 1 && n >= k) {
        int[] caps = new int[k];
        Arrays.fill(caps, (int) Math.ceil((double) n / k * (1 + params.balanceTolerance())));
        if (restrict && assignment != null) {
          int m = Math.min(BalancedAssignment.CANDIDATES, k);
          int[] candidates = new int[n * m];
          float[] scores = new float[n * m];
          NeighbourhoodAssigner.nearest(points, n, dim, centroids, k, assignment, m, candidates, scores, pool);
          BalancedAssignment.assign(candidates, scores, n, m, k, caps, assignment);
        } else {
          assignment = assignment == null ? new int[n] : assignment;
          BalancedAssignment.assign(points, n, dim, centroids, k, caps, assignment, pool);
        }
        update(points, n, dim, assignment, centroids, sizes, params.spherical(), random);
      }
      return new Clustering(centroids, k, dim);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Each of {@code n} points' nearest centroid (squared L2, ties to the smaller index): among all of them when
   * {@code current} is null, else among the neighbourhood of the point's current centroid.
   */
  private static int[] nearest(float[] points, int n, int dim, float[] centroids, int k, int[] current,
      ForkJoinPool pool) {
    int[] out = new int[n];
    if (current == null) {
      new CentroidAssigner(centroids, k, dim, false).assign(points, n, out, null, pool);
    } else {
      NeighbourhoodAssigner.nearest(points, n, dim, centroids, k, current, 1, out, null, pool);
    }
    return out;
  }

  /** Copies {@code sampleSize} distinct random rows (partial Fisher–Yates over row indices). */
  static float[] sampleRows(float[] points, int n, int dim, int sampleSize, SplittableRandom random) {
    int[] rows = dev.quiver.index.Sampling.distinct(n, sampleSize, random);
    float[] sample = new float[sampleSize * dim];
    for (int i = 0; i < sampleSize; i++) {
      System.arraycopy(points, rows[i] * dim, sample, i * dim, dim);
    }
    return sample;
  }

  private static float[] initialise(float[] sample, int n, int dim, int k, SplittableRandom random) {
    int pool = (int) Math.min(n, 8L * k);
    if ((long) pool * k * dim > KMEANS_PLUS_PLUS_BUDGET) {
      return sampleRows(sample, n, dim, k, random);
    }
    float[] candidates = pool == n ? sample : sampleRows(sample, n, dim, pool, random);
    return kMeansPlusPlus(candidates, pool, dim, k, random);
  }

  /** D² sampling (Arthur and Vassilvitskii, 2007): each next centroid drawn with probability ∝ squared distance. */
  private static float[] kMeansPlusPlus(float[] points, int n, int dim, int k, SplittableRandom random) {
    float[] centroids = new float[k * dim];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    int chosen = random.nextInt(n);
    for (int c = 0; c < k; c++) {
      System.arraycopy(points, chosen * dim, centroids, c * dim, dim);
      double total = 0;
      for (int i = 0; i < n; i++) {
        double d = VectorKernels.squaredL2(points, i * dim, centroids, c * dim, dim);
        if (d < nearest[i]) {
          nearest[i] = d;
        }
        total += nearest[i];
      }
      if (c + 1 == k) {
        break;
      }
      if (total == 0) {
        chosen = random.nextInt(n);
        continue;
      }
      double target = random.nextDouble() * total;
      chosen = n - 1;
      for (int i = 0; i < n; i++) {
        target -= nearest[i];
        if (target <= 0) {
          chosen = i;
          break;
        }
      }
    }
    return centroids;
  }

  /** Lloyd update: each centroid moves to its cluster's mean; empty clusters are repaired by splitting. */
  static void update(float[] points, int n, int dim, int[] assignment, float[] centroids, int[] sizes,
      boolean spherical, SplittableRandom random) {
    int k = sizes.length;
    double[] sums = new double[k * dim];
    Arrays.fill(sizes, 0);
    for (int i = 0; i < n; i++) {
      int c = assignment[i];
      sizes[c]++;
      int base = c * dim;
      int row = i * dim;
      for (int j = 0; j < dim; j++) {
        sums[base + j] += points[row + j];
      }
    }
    for (int c = 0; c < k; c++) {
      if (sizes[c] == 0) {
        continue;
      }
      double inverse = 1.0 / sizes[c];
      for (int j = 0; j < dim; j++) {
        centroids[c * dim + j] = (float) (sums[c * dim + j] * inverse);
      }
    }
    repairEmpty(centroids, sizes, dim, n, random);
    if (spherical) {
      normaliseRows(centroids, k, dim);
    }
  }

  private static void repairEmpty(float[] centroids, int[] sizes, int dim, int n, SplittableRandom random) {
    int k = sizes.length;
    for (int empty = 0; empty < k; empty++) {
      if (sizes[empty] != 0) {
        continue;
      }
      int donor = pickProportionalToSize(sizes, n, random);
      for (int j = 0; j < dim; j++) {
        float v = centroids[donor * dim + j];
        float sign = (j % 2 == 0) ? 1f : -1f;
        centroids[empty * dim + j] = v * (1 + sign * SPLIT_EPSILON);
        centroids[donor * dim + j] = v * (1 - sign * SPLIT_EPSILON);
      }
      // The donor's points are split in two for the purpose of later repairs in this same pass.
      sizes[empty] = sizes[donor] / 2;
      sizes[donor] -= sizes[empty];
    }
  }

  private static int pickProportionalToSize(int[] sizes, int n, SplittableRandom random) {
    // Clusters of size ≤ 1 cannot give a point away; weight by size − 1.
    long total = 0;
    for (int s : sizes) {
      total += Math.max(0, s - 1);
    }
    if (total == 0) {
      return random.nextInt(sizes.length);
    }
    long target = random.nextLong(total);
    for (int c = 0; c < sizes.length; c++) {
      target -= Math.max(0, sizes[c] - 1);
      if (target < 0) {
        return c;
      }
    }
    return sizes.length - 1;
  }

  private static void normaliseRows(float[] rows, int count, int dim) {
    for (int c = 0; c < count; c++) {
      double norm = Math.sqrt(VectorKernels.dot(rows, c * dim, rows, c * dim, dim));
      if (norm > 0) {
        float scale = (float) (1 / norm);
        for (int j = 0; j < dim; j++) {
          rows[c * dim + j] *= scale;
        }
      }
    }
  }
}
