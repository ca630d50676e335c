package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomised: at recall 1.0 the rewritten query returns exactly what a brute-force evaluation returns — with
 * filters of every selectivity, offsets, parameters, and ties (duplicate vectors) — and at the default recall it
 * returns min(k, matches) rows of the right table, with high recall.
 */
class VectorSearchCorrectnessTest {

  private static final long SEED = 20261123L;
  private static final int ROWS = 4_000;
  private static final int DIM = 8;
  private static final String[] CATEGORIES = {"a", "b", "c", "d"};

  private static SqlFixture sql;
  private static float[][] vectors;

  @BeforeAll
  static void load() throws Exception {
    sql = new SqlFixture();
    sql.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, category VARCHAR(10), score INTEGER,"
        + " embedding VECTOR(" + DIM + "))");
    Random random = new Random(SEED);
    vectors = new float[ROWS][];
    try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?)")) {
      for (int id = 0; id < ROWS; id++) {
        float[] v = new float[DIM];
        if (id % 50 == 49) {
          v = vectors[id - 1].clone(); // exact duplicates: ties the order must break by row
        } else {
          for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian() + (id % 7);
          }
        }
        vectors[id] = v;
        insert.setLong(1, id);
        insert.setString(2, CATEGORIES[id % CATEGORIES.length]);
        insert.setInt(3, id % 100);
        insert.setObject(4, v);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    sql.awaitIndexes(); // test the partitioned index, not the single partition it replaces
    assertTrue((Integer) sql.query("SELECT partitions FROM quiver.vector_columns").get(0).get(0) > 100);
  }

  @AfterAll
  static void close() throws Exception {
    sql.close();
  }

  @Test
  void recallOneEqualsBruteForceWithFiltersOffsetsAndTies() throws Exception {
    Random random = new Random(SEED + 1);
    String query = "SELECT /*+ vector_search(recall=1.0) */ id, l2_distance(embedding, ?) AS d FROM items"
        + " WHERE score < ? ORDER BY d LIMIT ? OFFSET ?";
    assertTrue(sql.plan(query.replace("?", "1").replace("l2_distance(embedding, 1)",
        "l2_distance(embedding, vector('[1,1,1,1,1,1,1,1]'))")).contains("VectorSearch"));
    for (int q = 0; q < 60; q++) {
      float[] target = q % 3 == 0 ? vectors[random.nextInt(ROWS)] : gaussian(random);
      int maxScore = new int[] {1, 5, 50, 101}[q % 4];
      int k = 1 + random.nextInt(20);
      int offset = random.nextInt(5);
      List<List<Object>> rows = sql.query(query, target, maxScore, k, offset);
      List<Long> expected = bruteForce(target, id -> id % 100 < maxScore, k, offset);
      assertEquals(expected, ids(rows), "seed " + SEED + " query " + q + " score<" + maxScore + " k=" + k
          + " offset=" + offset);
      for (List<Object> row : rows) {
        assertEquals(l2(target, vectors[(int) (long) (Long) row.get(0)]), (Double) row.get(1), 1e-9);
      }
    }
  }

  @Test
  void defaultRecallKeepsHighRecallAndNeverShortensFilteredResults() throws Exception {
    Random random = new Random(SEED + 2);
    double found = 0;
    int queries = 100;
    for (int q = 0; q < queries; q++) {
      float[] target = gaussian(random);
      String category = CATEGORIES[q % CATEGORIES.length];
      List<List<Object>> rows = sql.query("SELECT id FROM items WHERE category = ?"
          + " ORDER BY l2_distance(embedding, ?) LIMIT 10", category, target);
      assertEquals(10, rows.size(), "a filter matching 1,000 rows must give 10");
      List<Long> expected = bruteForce(target, id -> CATEGORIES[id % 4].equals(category), 10, 0);
      for (Long id : ids(rows)) {
        assertEquals(category, CATEGORIES[(int) (id % 4)], "a row the filter rejects came back");
        found += expected.contains(id) ? 1 : 0;
      }
    }
    assertTrue(found / (queries * 10.0) >= 0.89, "seed " + SEED + ": recall " + found / (queries * 10.0));
  }

  @Test
  void selectiveFilterReturnsEveryMatchWhenFewerThanK() throws Exception {
    List<List<Object>> rows = sql.query("SELECT id FROM items WHERE score = 7 AND category = 'd'"
        + " ORDER BY l2_distance(embedding, ?) LIMIT 500", (Object) gaussian(new Random(SEED + 3)));
    long matches = java.util.stream.IntStream.range(0, ROWS).filter(id -> id % 100 == 7 && id % 4 == 3).count();
    assertEquals(matches, rows.size());
  }

  @Test
  void rewrittenAndExactPlansAgree() throws Exception {
    float[] target = gaussian(new Random(SEED + 4));
    // Two sort keys are not rewritten: Calcite sorts the whole table, exactly, ties by id.
    List<List<Object>> exact = sql.query("SELECT id, l2_distance(embedding, ?) AS d FROM items WHERE category <> 'a'"
        + " ORDER BY d, id LIMIT 15", target);
    List<List<Object>> searched = sql.query("SELECT /*+ vector_search(recall=1.0) */ id,"
        + " l2_distance(embedding, ?) AS d FROM items WHERE category <> 'a' ORDER BY d LIMIT 15", target);
    assertEquals(exact, searched);
  }

  private static List<Long> bruteForce(float[] target, IntPredicate filter, int k, int offset) {
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < ROWS; id++) {
      if (filter.test(id)) {
        ids.add(id);
      }
    }
    ids.sort(Comparator.<Integer>comparingDouble(id -> l2(target, vectors[id])).thenComparingInt(id -> id));
    List<Long> result = new ArrayList<>();
    for (int i = offset; i < Math.min(ids.size(), offset + k); i++) {
      result.add((long) ids.get(i));
    }
    return result;
  }

  private static List<Long> ids(List<List<Object>> rows) {
    List<Long> ids = new ArrayList<>();
    for (List<Object> row : rows) {
      ids.add((Long) row.get(0));
    }
    return ids;
  }

  private static double l2(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = (double) a[i] - b[i];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  }

  private static float[] gaussian(Random random) {
    float[] v = new float[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = (float) random.nextGaussian() * 2 + 3;
    }
    return v;
  }
}
