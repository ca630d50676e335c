package dev.quiver.adapter.store;

import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.functions.FloatVector;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts column values between Calcite's runtime representation (what generated query code reads and writes:
 * {@code Long} for BIGINT, days since 1970 as {@code Integer} for DATE, milliseconds as {@code Long} for TIMESTAMP,
 * a {@link FloatVector} for a vector) and what H2 stores.
 */
public final class ValueCodec {

  private ValueCodec() {}

  /** Coerces a value computed by a query to the exact Java class Calcite expects for {@code type}. */
  public static Object toRuntime(ColumnType type, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String text && type.typeName() != SqlTypeName.CHAR && type.typeName() != SqlTypeName.VARCHAR
        && type.typeName() != SqlTypeName.ARRAY) {
      value = parse(type, text.strip());
    }
    return switch (type.typeName()) {
      case TINYINT -> ((Number) value).byteValue();
      case SMALLINT -> ((Number) value).shortValue();
      case INTEGER -> ((Number) value).intValue();
      case BIGINT -> ((Number) value).longValue();
      case REAL -> ((Number) value).floatValue();
      case FLOAT, DOUBLE -> ((Number) value).doubleValue();
      case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
      case CHAR, VARCHAR -> value.toString();
      case DATE -> value instanceof java.sql.Date date ? (int) date.toLocalDate().toEpochDay()
          : value instanceof LocalDate date ? (int) date.toEpochDay() : ((Number) value).intValue();
      case TIMESTAMP -> value instanceof java.sql.Timestamp time ? toMillis(time.toLocalDateTime())
          : value instanceof LocalDateTime time ? toMillis(time) : ((Number) value).longValue();
      case BOOLEAN -> value instanceof Boolean b ? b : Boolean.valueOf(value.toString().strip());
      default -> value;
    };
  }

  private static long toMillis(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** A value given as text (a JDBC setString on a typed column). */
  private static Object parse(ColumnType type, String text) {
    return switch (type.typeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.parseLong(text);
      case REAL, FLOAT, DOUBLE -> Double.parseDouble(text);
      case DECIMAL -> new BigDecimal(text);
      case DATE -> LocalDate.parse(text);
      case TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T'));
      case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "t", "1" -> Boolean.TRUE;
        case "false", "f", "0" -> Boolean.FALSE;
        default -> throw new NumberFormatException("not a boolean: " + text);
      };
      default -> text;
    };
  }

  /** The value H2 is given for a runtime value. */
  public static Object toStored(ColumnType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.typeName()) {
      case ARRAY -> encode(((FloatVector) value).values());
      case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) value).longValue(), 1000L),
          (int) Math.floorMod(((Number) value).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
      default -> value;
    };
  }

  /** Reads column {@code index} of the current row of {@code rows} as a runtime value. */
  public static Object read(ColumnType type, ResultSet rows, int index) throws SQLException {
    Object value = switch (type.typeName()) {
      case ARRAY -> {
        byte[] bytes = rows.getBytes(index);
        yield bytes == null ? null : new FloatVector(decode(bytes), type.metric());
      }
      case DATE -> {
        LocalDate date = rows.getObject(index, LocalDate.class);
        yield date == null ? null : (int) date.toEpochDay();
      }
      case TIMESTAMP -> {
        LocalDateTime time = rows.getObject(index, LocalDateTime.class);
        yield time == null ? null : time.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      default -> rows.getObject(index);
    };
    return rows.wasNull() ? null : toRuntime(type, value);
  }

  /** A vector's stored form: its floats, little-endian. */
  public static byte[] encode(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return buffer.array();
  }

  /** The floats of a stored vector. */
  public static float[] decode(byte[] bytes) {
    float[] values = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return values;
  }
}
