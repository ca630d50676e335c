package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a JDBC user can pass a vector gives the same stored vector, and vectors come back as JDBC arrays. */
class VectorValueFormsTest {

  @Test
  void textArrayLiteralFloatArraySqlArrayAndStringAllWork() throws Exception {
    try (SqlFixture sql = new SqlFixture()) {
      sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(3))");
      sql.update("INSERT INTO t VALUES (1, vector('[1, 2, 3]'))");
      sql.update("INSERT INTO t VALUES (2, ARRAY[1, 2, 3])");
      sql.update("INSERT INTO t VALUES (3, ?)", (Object) new float[] {1, 2, 3});
      sql.update("INSERT INTO t VALUES (4, ?)", (Object) new double[] {1, 2, 3});
      try (PreparedStatement insert = sql.connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        insert.setInt(1, 5);
        insert.setArray(2, sql.connection.createArrayOf("REAL", new Float[] {1f, 2f, 3f}));
        insert.executeUpdate();
        insert.setInt(1, 6);
        insert.setString(2, "[1, 2, 3]");
        insert.executeUpdate();
      }
      sql.update("INSERT INTO t VALUES (7, vector(?))", "[1,2,3]");
      assertEquals(List.of(List.of(7L)), sql.query("SELECT COUNT(*) FROM t WHERE vector_text(v) = '[1.0,2.0,3.0]'"));
      try (PreparedStatement select = sql.connection.prepareStatement("SELECT v FROM t WHERE id = 5");
          ResultSet rows = select.executeQuery()) {
        rows.next();
        Array array = rows.getArray(1);
        assertArrayEquals(new float[] {1f, 2f, 3f}, (float[]) array.getArray()); // REAL ARRAY → float[]
      }
      assertEquals(List.of(List.of(1)), sql.query("SELECT id FROM t ORDER BY l2_distance(v, ?), id LIMIT 1",
          "[1, 2, 3]"), "a text query vector works too");
    }
  }
}
