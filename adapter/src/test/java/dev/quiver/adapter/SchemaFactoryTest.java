package dev.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Calcite model file mounts Quiver tables in a plain Calcite connection, with the functions and the rewrite. */
class SchemaFactoryTest {

  @TempDir
  Path directory;

  @Test
  void modelFileMountsTablesFunctionsAndTheRewrite() throws Exception {
    Path db = directory.resolve("db");
    try (SqlFixture quiver = new SqlFixture("jdbc:quiver:" + db)) {
      quiver.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR(20), embedding VECTOR(2))");
      quiver.update("INSERT INTO docs VALUES (1, 'near', vector('[1, 1]')), (2, 'far', vector('[9, 9]'))");
    }
    String model = "inline:{\"version\": \"1.0\", \"defaultSchema\": \"vectors\", \"schemas\": [{\"name\": \"vectors\","
        + " \"type\": \"custom\", \"factory\": \"dev.quiver.adapter.QuiverSchemaFactory\","
        + " \"operand\": {\"directory\": \"" + db.toString().replace("\\", "\\\\") + "\"}}]}";
    try (SqlFixture calcite = new SqlFixture("jdbc:calcite:lex=JAVA;model=" + model)) {
      String query = "SELECT title, l2_distance(embedding, ARRAY[1.0, 1.0]) AS d FROM docs ORDER BY d LIMIT 1";
      assertTrue(calcite.plan(query).contains("VectorSearch"), calcite.plan(query));
      assertEquals(List.of(List.of("near", 0.0)), calcite.query(query));
    }
  }
}
