package dev.quiver.adapter.rel;

import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.SearchOptions;
import dev.quiver.adapter.catalog.ColumnDefinition;
import dev.quiver.adapter.system.SystemSchema;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.FloatVector;
import dev.quiver.functions.SqlUserError;
import dev.quiver.functions.DistanceFunction;
import dev.quiver.functions.VectorValues;
import dev.quiver.index.Metric;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.kernel.VectorKernels;
import dev.quiver.index.search.SearchParams;
import dev.quiver.index.search.TopKCollector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Runs one {@link VectorSearch} each time its statement executes: evaluates the query vector, k and offset (which
 * may be parameters), resolves the search options (hint, then session, then connection, then the default), picks a
 * strategy, searches, and returns the matching rows with their exact distances, nearest first.
 *
 * <p>Strategy with a filter: when few rows match (estimated from a sample), an exact scan of the matching rows is
 * cheapest and exact; otherwise the index search applies the filter inside the partition scan, widening until k
 * rows match and the recall target is met. Either way a filter never shortens the result below min(k, matches).
 */
public final class VectorSearchExecution {

  /** Below this many estimated matching rows, a filtered search scans the matching rows exactly. */
  static final int EXACT_FILTER_ROWS = 2_000;
  /** Rows sampled to estimate a filter's selectivity. */
  static final int SELECTIVITY_SAMPLE = 256;

  private final VectorTable table;
  private final int column;
  private final DistanceFunction function;
  private final Metric metric;
  private final Function1<DataContext, Object[]> constants;
  private final Function1<DataContext, Object[]> condition;
  private final SearchOptions hintOptions;

  VectorSearchExecution(VectorTable table, int column, DistanceFunction function, Function1<DataContext, Object[]> constants,
      Function1<DataContext, Object[]> condition, SearchOptions hintOptions) {
    this.table = table;
    this.column = column;
    this.function = function;
    this.metric = table.definition().columns().get(column).type().metric();
    this.constants = constants;
    this.condition = condition;
    this.hintOptions = hintOptions;
  }

  /** Executes the search; rows are the table's columns followed by the distance. */
  public Enumerable<Object[]> execute(DataContext root) {
    table.requireLive();
    Object[] values = constants.apply(root);
    ColumnDefinition vectorColumn = table.definition().columns().get(column);
    String columnName = table.definition().name() + "." + vectorColumn.name();
    if (values[0] == null) {
      throw new SqlUserError("22004", "the query vector for " + columnName + " is NULL; pass a vector of "
          + vectorColumn.type().dimension() + " components");
    }
    float[] query = VectorValues.toFloats("query vector", values[0]);
    if (query.length != vectorColumn.type().dimension()) {
      throw new SqlUserError("22000", "the query vector has " + query.length + " dimensions but " + columnName
          + " is " + vectorColumn.type().sqlText() + "; pass a vector of " + vectorColumn.type().dimension()
          + " components");
    }
    long fetch = ((Number) values[1]).longValue();
    long offset = values[2] == null ? 0 : ((Number) values[2]).longValue();
    if (fetch <= 0) {
      return Linq4j.emptyEnumerable();
    }
    int k = (int) Math.min(Integer.MAX_VALUE - 1, fetch + offset);
    SearchOptions options = hintOptions.orElse(sessionOptions(root));
    double recall = options.recall() != null ? options.recall() : SearchOptions.DEFAULT_RECALL;
    SearchParams params = options.nprobe() != null && options.nprobe() > 0
        ? SearchParams.fixedNprobe(k, options.nprobe()) : SearchParams.forRecall(k, recall);
    Predicate<Object[]> filter = condition == null ? null : new RowFilter(condition, root);
    table.refreshIndex(column);
    long[] ids;
    double selectivity = filter == null ? 1.0 : estimatedSelectivity(filter);
    if (filter != null && selectivity * table.rowCount() <= EXACT_FILTER_ROWS) {
      ids = exactFiltered(query, k, filter);
    } else {
      SearchResult result = table.search(column, query, params, filter, selectivity);
      ids = result.ids();
    }
    return Linq4j.asEnumerable(rows(ids, query, offset, k, filter));
  }

  /**
   * The rows for {@code ids} with their exact distances (as the SQL function computes them), nearest first, then —
   * if fewer than {@code k} — rows whose vector is NULL (distance NULL), as the exact plan's ORDER BY would put
   * them last; then {@code offset} rows skipped.
   */
  private List<Object[]> rows(long[] ids, float[] query, long offset, int k, Predicate<Object[]> filter) {
    List<Object[]> rows = new ArrayList<>(ids.length);
    List<Long> rowIds = new ArrayList<>(ids.length);
    FloatVector queryVector = new FloatVector(query);
    for (long id : ids) {
      Object[] row = table.row(id);
      if (row == null) {
        continue; // deleted after the index search saw it
      }
      Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
      out[row.length] = function.apply(row[column], queryVector);
      rows.add(out);
      rowIds.add(id);
    }
    // Index scores are float; the reported distance is the double the SQL function gives. Re-sort by it (ties by
    // row id) so both agree on order.
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> (Double) rows.get(i)[rows.get(i).length - 1])
        .thenComparingLong(rowIds::get));
    List<Object[]> sorted = new ArrayList<>(order.length);
    for (Integer i : order) {
      sorted.add(rows.get(i));
    }
    if (sorted.size() < k) {
      sorted.addAll(rowsWithoutVector(k - sorted.size(), filter));
    }
    return sorted.subList((int) Math.min(offset, sorted.size()), sorted.size());
  }

  /** Up to {@code limit} rows whose vector is NULL and that pass the filter, by row id, with a NULL distance. */
  private List<Object[]> rowsWithoutVector(int limit, Predicate<Object[]> filter) {
    List<Map.Entry<Long, Object[]>> found = new ArrayList<>();
    table.forEachRow((rowId, row) -> {
      if (row[column] == null && (filter == null || filter.test(row))) {
        found.add(Map.entry(rowId, row));
      }
    });
    found.sort(Map.Entry.comparingByKey());
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, found.size()); i++) {
      Object[] row = found.get(i).getValue();
      rows.add(java.util.Arrays.copyOf(row, row.length + 1));
    }
    return rows;
  }


  /** The fraction of rows the filter accepts, estimated on a seeded sample (1/sample when none of it matched). */
  private double estimatedSelectivity(Predicate<Object[]> filter) {
    int rows = table.rowCount();
    if (rows <= EXACT_FILTER_ROWS) {
      return 0; // small enough to scan exactly whatever the filter
    }
    List<Object[]> sample = table.sampleRows(SELECTIVITY_SAMPLE, new Random(rows));
    if (sample.isEmpty()) {
      return 1.0;
    }
    long matches = sample.stream().filter(filter).count();
    return Math.max(matches, 1) / (double) sample.size();
  }

  /** Exact top k among the rows the filter accepts. */
  private long[] exactFiltered(float[] query, int k, Predicate<Object[]> filter) {
    float[] q = query.clone();
    if (metric == Metric.COSINE) {
      VectorKernels.normalizeInPlace(q);
    }
    TopKCollector top = new TopKCollector(k);
    table.forEachRow((rowId, row) -> {
      Object value = row[column];
      if (value != null && filter.test(row)) {
        float[] v = ((FloatVector) value).values();
        float score = switch (metric) {
          case L2 -> VectorKernels.squaredL2(q, v);
          case INNER_PRODUCT -> -VectorKernels.dot(q, v);
          case COSINE -> -VectorKernels.dot(q, v) / VectorKernels.norm(v);
        };
        top.offer(rowId, score);
      }
    });
    return top.sorted().ids();
  }

  private static SearchOptions sessionOptions(DataContext root) {
    QuiverSession session = SystemSchema.sessionOf(root.getRootSchema());
    return session == null ? SearchOptions.NONE : session.options();
  }

  /** Evaluates the WHERE condition on one stored row (the compiled code reads it as its input record). */
  private static final class RowFilter implements Predicate<Object[]>, DataContext {
    private final Function1<DataContext, Object[]> condition;
    private final DataContext statement;
    private Object[] row;

    RowFilter(Function1<DataContext, Object[]> condition, DataContext statement) {
      this.condition = condition;
      this.statement = statement;
    }

    @Override
    public boolean test(Object[] candidate) {
      row = candidate;
      return Boolean.TRUE.equals(condition.apply(this)[0]);
    }

    @Override
    public SchemaPlus getRootSchema() {
      return statement.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return statement.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return statement.getQueryProvider();
    }

    @Override
    public Object get(String name) {
      return "inputRecord".equals(name) ? row : statement.get(name);
    }
  }
}
