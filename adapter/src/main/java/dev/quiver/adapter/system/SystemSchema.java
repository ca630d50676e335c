package dev.quiver.adapter.system;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.quiver.adapter.QuiverDatabase;
import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.maintenance.Job;
import dev.quiver.adapter.maintenance.MaintenanceEvent;
import dev.quiver.adapter.procedure.QuiverProcedures;
import dev.quiver.adapter.table.VectorColumnIndex;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.Procedure;
import dev.quiver.adapter.catalog.MaintenanceSettings;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.PartitionStats;
import dev.quiver.index.maintenance.AdaIvfPolicy;
import dev.quiver.index.maintenance.CombinedPolicy;
import dev.quiver.index.maintenance.MaintenancePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code quiver} schema: the system tables {@code tables}, {@code vector_columns}, {@code partitions} (one row
 * per partition of every vector index, with its size and how often searches scanned it), {@code maintenance_log}
 * (every split, merge, reindex and rebuild, with its duration) and {@code jobs} (running maintenance jobs with their
 * progress); and the procedures {@code CALL} runs ({@link QuiverProcedures}).
 */
public final class SystemSchema extends AbstractSchema {

  /** The schema's name under the root of a Quiver connection. */
  public static final String NAME = "quiver";

  private final QuiverSession session;
  private final QuiverDatabase database;
  /** Built once: Calcite reads the table map on every lookup (the schema is not cached). */
  private final Map<String, Table> tables;
  /** The procedures as table functions; built once, like the tables. */
  private final Multimap<String, Function> procedures;

  /** Creates the system tables of the database {@code session} uses. */
  public SystemSchema(QuiverSession session) {
    this.session = session;
    this.database = session.database();
    this.tables = systemTables();
    ImmutableMultimap.Builder<String, Function> functions = ImmutableMultimap.builder();
    for (Procedure procedure : QuiverProcedures.all()) {
      functions.put(procedure.name(), procedure.function(NAME));
    }
    this.procedures = functions.build();
  }

  /** The session of the Quiver connection whose root schema is {@code root}, or null for another connection. */
  public static QuiverSession sessionOf(SchemaPlus root) {
    SchemaPlus system = root == null ? null : root.subSchemas().get(NAME);
    SystemSchema schema = system == null ? null : system.unwrap(SystemSchema.class);
    return schema == null ? null : schema.session;
  }

  /** The connection's session (how DDL, SET and searches find the connection they run in). */
  public QuiverSession session() {
    return session;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return procedures;
  }

  private Map<String, Table> systemTables() {
    return Map.of(
        "tables", new SystemTable(f -> f.builder()
            .add("table_name", SqlTypeName.VARCHAR)
            .add("row_count", SqlTypeName.BIGINT)
            .add("column_count", SqlTypeName.INTEGER)
            .add("primary_key", SqlTypeName.VARCHAR).nullable(true)
            .add("vector_columns", SqlTypeName.INTEGER)
            .build(), this::tableRows),
        "vector_columns", new SystemTable(f -> f.builder()
            .add("table_name", SqlTypeName.VARCHAR)
            .add("column_name", SqlTypeName.VARCHAR)
            .add("type", SqlTypeName.VARCHAR)
            .add("dimension", SqlTypeName.INTEGER)
            .add("metric", SqlTypeName.VARCHAR)
            .add("indexed_vectors", SqlTypeName.BIGINT)
            .add("partitions", SqlTypeName.INTEGER)
            .build(), this::vectorColumnRows),
        "partitions", new SystemTable(f -> partitionsType(f), this::partitionRows),
        "maintenance_log", new SystemTable(f -> f.builder()
            .add("event_id", SqlTypeName.BIGINT)
            .add("table_name", SqlTypeName.VARCHAR)
            .add("column_name", SqlTypeName.VARCHAR)
            .add("action", SqlTypeName.VARCHAR)
            .add("started_at", SqlTypeName.TIMESTAMP)
            .add("duration_ms", SqlTypeName.DOUBLE)
            .add("partitions_before", SqlTypeName.INTEGER)
            .add("partitions_after", SqlTypeName.INTEGER)
            .add("vectors_moved", SqlTypeName.BIGINT)
            .add("detail", SqlTypeName.VARCHAR)
            .build(), this::maintenanceLogRows),
        "jobs", new SystemTable(f -> f.builder()
            .add("job_id", SqlTypeName.BIGINT)
            .add("table_name", SqlTypeName.VARCHAR)
            .add("column_name", SqlTypeName.VARCHAR)
            .add("kind", SqlTypeName.VARCHAR)
            .add("phase", SqlTypeName.VARCHAR)
            .add("progress", SqlTypeName.DOUBLE)
            .add("vectors", SqlTypeName.BIGINT)
            .add("started_at", SqlTypeName.TIMESTAMP)
            .add("elapsed_ms", SqlTypeName.DOUBLE)
            .build(), this::jobRows));
  }

  private static org.apache.calcite.rel.type.RelDataType partitionsType(RelDataTypeFactory f) {
    return f.builder()
        .add("table_name", SqlTypeName.VARCHAR)
        .add("column_name", SqlTypeName.VARCHAR)
        .add("partition_id", SqlTypeName.BIGINT)
        .add("size", SqlTypeName.BIGINT)
        .add("access_count", SqlTypeName.BIGINT)
        .add("temperature", SqlTypeName.DOUBLE)
        .add("drift", SqlTypeName.DOUBLE)
        // Not "indicator": INDICATOR is a reserved word of standard SQL (and Calcite's parser), so a column of that
        // name could only be selected quoted.
        .add("local_indicator", SqlTypeName.DOUBLE)
        .build();
  }

  private List<VectorTable> sortedTables() {
    List<VectorTable> tables = new ArrayList<>(database.tables());
    tables.sort(Comparator.comparing(t -> t.definition().name()));
    return tables;
  }

  private List<Object[]> tableRows() {
    List<Object[]> rows = new ArrayList<>();
    for (VectorTable table : sortedTables()) {
      var definition = table.definition();
      String key = definition.primaryKey() >= 0 ? definition.columns().get(definition.primaryKey()).name() : null;
      rows.add(new Object[] {definition.name(), (long) table.rowCount(), definition.columns().size(), key,
          definition.vectorColumns().size()});
    }
    return rows;
  }

  private List<Object[]> vectorColumnRows() {
    List<Object[]> rows = new ArrayList<>();
    for (VectorTable table : sortedTables()) {
      for (int ordinal : table.definition().vectorColumns()) {
        ColumnDefinition column = table.definition().columns().get(ordinal);
        VectorColumnIndex index = table.index(ordinal);
        IvfIndex current = index.current();
        rows.add(new Object[] {table.definition().name(), column.name(), column.type().sqlText(),
            column.type().dimension(), column.type().metricName(), (long) index.size(),
            current == null ? 0 : current.nlist()});
      }
    }
    return rows;
  }

  private List<Object[]> maintenanceLogRows() {
    List<Object[]> rows = new ArrayList<>();
    for (MaintenanceEvent event : database.maintenance().log().events()) {
      rows.add(new Object[] {event.eventId(), event.table(), event.column(), event.action().sqlName(),
          timestamp(event.startedAtMillis()), event.durationMillis(), event.partitionsBefore(),
          event.partitionsAfter(), event.vectorsMoved(), event.detail()});
    }
    return rows;
  }

  private List<Object[]> jobRows() {
    List<Object[]> rows = new ArrayList<>();
    for (Job job : database.maintenance().jobs().running()) {
      rows.add(new Object[] {job.id(), job.table(), job.column(), job.kind().sqlName(), job.phase().sqlName(),
          job.progress(), job.vectors(), timestamp(job.startedAtMillis()), job.elapsedNanos() / 1e6});
    }
    return rows;
  }

  /**
   * A TIMESTAMP value as Calcite holds it: milliseconds of local wall-clock time, which JDBC's getTimestamp turns
   * back into the instant using the connection's (by default the JVM's) time zone.
   */
  private static long timestamp(long epochMillis) {
    return epochMillis + TimeZone.getDefault().getOffset(epochMillis);
  }

  /**
   * The Ada-IVF policy whose local indicator {@code quiver.partitions} shows: the column's own when it uses Ada-IVF,
   * alone or combined with Quake, else Ada-IVF with default settings (the indicator then says how far a partition
   * has drifted, not what the column's policy will do).
   */
  private static AdaIvfPolicy indicatorPolicy(MaintenanceSettings settings) {
    MaintenancePolicy policy = settings.newPolicy();
    if (policy instanceof AdaIvfPolicy own) {
      return own;
    }
    return policy instanceof CombinedPolicy combined ? combined.adaIvf()
        : new AdaIvfPolicy(AdaIvfPolicy.Params.DEFAULT);
  }

  private List<Object[]> partitionRows() {
    List<Object[]> rows = new ArrayList<>();
    for (VectorTable table : sortedTables()) {
      for (int ordinal : table.definition().vectorColumns()) {
        IvfIndex current = table.index(ordinal).current();
        if (current == null) {
          continue;
        }
        PartitionStats[] stats = current.partitionStats();
        double[] indicators = indicatorPolicy(table.index(ordinal).maintenance()).localIndicators(current, stats);
        String column = table.definition().columns().get(ordinal).name();
        for (int p = 0; p < stats.length; p++) {
          rows.add(new Object[] {table.definition().name(), column, stats[p].id(), (long) stats[p].size(),
              stats[p].accessCount(), stats[p].temperature(), stats[p].drift(), indicators[p]});
        }
      }
    }
    return rows;
  }
}
