package dev.quiver.adapter.catalog;

import dev.quiver.functions.SqlUserError;
import dev.quiver.functions.VectorFunctionCatalog;
import dev.quiver.index.Metric;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The declared type of a column, as the catalog stores it: a SQL scalar type with its precision and scale, or a
 * vector with its dimension and metric.
 *
 * @param typeName the SQL type; {@link SqlTypeName#ARRAY} marks a vector
 * @param precision length or precision, or −1 when not given
 * @param scale scale, or −1 when not given
 * @param dimension a vector's number of components; 0 for other types
 * @param metric a vector's distance metric; null for other types
 */
public record ColumnType(SqlTypeName typeName, int precision, int scale, int dimension, Metric metric) {

  /** Scalar types a table column may have; others are refused when the table is created. */
  public static final Set<SqlTypeName> SCALAR_TYPES = Set.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT,
      SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.REAL, SqlTypeName.FLOAT,
      SqlTypeName.DOUBLE, SqlTypeName.DECIMAL, SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.DATE,
      SqlTypeName.TIMESTAMP);

  /** The largest vector dimension accepted (pgvector's limit for an indexed vector is 2,000; we allow more). */
  public static final int MAX_DIMENSION = 16_000;

  /** Checks the combination. */
  public ColumnType {
    if (typeName == SqlTypeName.ARRAY) {
      if (dimension < 1 || dimension > MAX_DIMENSION || metric == null) {
        throw new IllegalArgumentException("vector: dimension must be 1.." + MAX_DIMENSION + " with a metric, was "
            + dimension + " " + metric);
      }
    } else if (dimension != 0 || metric != null) {
      throw new IllegalArgumentException("only vectors have a dimension and a metric: " + typeName);
    }
  }

  /** A vector type. */
  public static ColumnType vector(int dimension, Metric metric) {
    return new ColumnType(SqlTypeName.ARRAY, -1, -1, dimension, metric);
  }

  /**
   * A scalar type as declared in SQL.
   *
   * @throws SqlUserError 0A000 for a type tables cannot hold
   */
  public static ColumnType scalar(String column, SqlTypeName typeName, int precision, int scale) {
    if (!SCALAR_TYPES.contains(typeName)) {
      throw new SqlUserError("0A000", "column " + column + ": type " + typeName + " is not supported in tables;"
          + " use one of BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, CHAR, VARCHAR, DATE, TIMESTAMP"
          + " or VECTOR(n)");
    }
    return new ColumnType(typeName, precision, scale, 0, null);
  }

  /** Whether this is a vector column. */
  public boolean isVector() {
    return typeName == SqlTypeName.ARRAY;
  }

  /** The Calcite type of the column (a vector is {@code REAL ARRAY}). */
  public RelDataType relType(RelDataTypeFactory typeFactory, boolean nullable) {
    RelDataType type;
    if (isVector()) {
      type = VectorFunctionCatalog.vectorType(typeFactory);
    } else if (typeName == SqlTypeName.VARCHAR || typeName == SqlTypeName.CHAR) {
      // Unbounded to Calcite, whose casts would silently cut a longer value to the declared length; the table
      // enforces the length itself and refuses a longer value (22001), as PostgreSQL does.
      type = typeFactory.createSqlType(SqlTypeName.VARCHAR);
    } else if (precision >= 0 && scale >= 0 && typeName.allowsScale()) {
      type = typeFactory.createSqlType(typeName, precision, scale);
    } else if (precision >= 0 && typeName.allowsPrec()) {
      type = typeFactory.createSqlType(typeName, precision);
    } else {
      type = typeFactory.createSqlType(typeName);
    }
    return typeFactory.createTypeWithNullability(type, nullable);
  }

  /** The type as users write it, e.g. {@code VARCHAR(200)} or {@code VECTOR(384)}. */
  public String sqlText() {
    if (isVector()) {
      return "VECTOR(" + dimension + ")";
    }
    String name = typeName.getName();
    if (precision >= 0 && scale >= 0 && typeName.allowsScale()) {
      return name + "(" + precision + ", " + scale + ")";
    }
    return precision >= 0 && typeName.allowsPrec() ? name + "(" + precision + ")" : name;
  }

  /** The H2 column type that stores it (a vector as its little-endian float bytes). */
  public String h2Type() {
    return switch (typeName) {
      case ARRAY -> "VARBINARY(" + dimension * Float.BYTES + ")";
      case FLOAT -> "DOUBLE PRECISION";
      case VARCHAR -> precision >= 0 ? "VARCHAR(" + precision + ")" : "CHARACTER VARYING";
      case TIMESTAMP -> "TIMESTAMP(3)";
      default -> sqlText();
    };
  }

  /** The metric name as SQL shows it ({@code L2}, {@code COSINE}, {@code IP}); null for scalars. */
  public String metricName() {
    return metric == null ? null : dev.quiver.functions.DistanceFunction.metricName(metric);
  }
}
