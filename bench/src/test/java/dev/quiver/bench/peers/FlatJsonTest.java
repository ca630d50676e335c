package dev.quiver.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known-answer and error tests of the flat JSON reader. */
class FlatJsonTest {

  @Test
  void readsStringsNumbersBooleansAndNullInOrder() {
    Map<String, Object> o = FlatJson.parseObject(
        " {\"s\":\"a\\\"b\\\\c\\u00e9\\n\", \"i\": 42, \"f\":-1.5e-3,\"t\":true,\"n\":null, \"z\":0} ");
    assertEquals(List.of("s", "i", "f", "t", "n", "z"), List.copyOf(o.keySet()));
    assertEquals("a\"b\\cé\n", o.get("s"));
    assertEquals(42.0, o.get("i"));
    assertEquals(-0.0015, o.get("f"));
    assertEquals(Boolean.TRUE, o.get("t"));
    assertNull(o.get("n"));
    assertEquals(0.0, o.get("z"));
    assertTrue(FlatJson.parseObject("{}").isEmpty());
  }

  @Test
  void rejectsNestingTrailingTextDuplicatesAndBadNumbers() {
    assertEquals("JSON: nested objects and arrays are not supported at column 6 of: {\"a\":[1]}",
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\":[1]}")).getMessage());
    assertEquals("JSON: end of line expected at column 9 of: {\"a\":1} x",
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\":1} x")).getMessage());
    assertEquals("JSON: duplicate key \"a\" at column 8 of: {\"a\":1,\"a\":2}",
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\":1,\"a\":2}")).getMessage());
    assertEquals("JSON: malformed number at column 6 of: {\"a\":1.2.3}",
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\":1.2.3}")).getMessage());
    assertEquals("JSON: unexpected end of line at column 5 of: {\"a\"",
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\"")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> FlatJson.parseObject("{\"a\":NaN}"));
  }
}
