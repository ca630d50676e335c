package dev.quiver.adapter.procedure;

import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.SearchOptions;
import dev.quiver.functions.FloatVector;
import dev.quiver.functions.Procedure;
import dev.quiver.functions.ProcedureArguments;
import dev.quiver.functions.SqlUserError;
import dev.quiver.index.ivf.IvfIndex;
import dev.quiver.index.ivf.SearchResult;
import dev.quiver.index.search.Recall;
import dev.quiver.index.search.SearchParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.DataContext;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CALL quiver.check_recall(table_name, n [, column_name])}: measures the recall the column's searches get
 * now. It samples {@code n} of the column's own vectors (seeded with {@value #SEED}, so the same data gives the same
 * sample), runs each as a query twice — the search a SQL query would run, at the session's options (recall target,
 * default 0.9, or a fixed nprobe), and an exact search — both for k = {@value #K}, and returns one row:
 * {@code table_name, column_name, queries, k, recall_target, recall_mean, recall_p10, partitions_mean,
 * exact_partitions}.
 *
 * <p>A query's recall is the share of the exact top k the search also found. {@code recall_p10} is the 10th
 * percentile of the queries' recalls (nearest rank), {@code partitions_mean} the mean number of partitions the
 * search scanned, {@code exact_partitions} the number an exact search scans (nlist). {@code recall_target} is NULL
 * when the session sets a fixed nprobe. {@code queries} is at most the column's number of vectors; for an empty
 * column it is 0 and the measurements are NULL. {@code column_name} may be left out when the table has one vector
 * column.
 */
public final class CheckRecallProcedure {

  /** Results per query, as in a typical {@code LIMIT 10}. */
  static final int K = 10;
  /** Seed of the query sample. */
  static final long SEED = 42L;
  /** Most queries one call may ask for (two searches each). */
  static final int MAX_QUERIES = 10_000;

  /** The procedure. */
  public static final Procedure DEFINITION = Procedure.builder("check_recall", CheckRecallProcedure.class)
      .parameter("table_name", SqlTypeName.VARCHAR)
      .parameter("n", SqlTypeName.INTEGER)
      .optional("column_name", SqlTypeName.VARCHAR)
      .column("table_name", SqlTypeName.VARCHAR)
      .column("column_name", SqlTypeName.VARCHAR)
      .column("queries", SqlTypeName.INTEGER)
      .column("k", SqlTypeName.INTEGER)
      .nullableColumn("recall_target", SqlTypeName.DOUBLE)
      .nullableColumn("recall_mean", SqlTypeName.DOUBLE)
      .nullableColumn("recall_p10", SqlTypeName.DOUBLE)
      .nullableColumn("partitions_mean", SqlTypeName.DOUBLE)
      .column("exact_partitions", SqlTypeName.INTEGER)
      .build();

  private CheckRecallProcedure() {}

  /** The body. */
  public static List<Object[]> call(DataContext root, ProcedureArguments arguments) {
    String procedure = arguments.procedure();
    QuiverSession session = QuiverProcedures.session(root, arguments);
    String tableName = arguments.text("table_name");
    int n = arguments.integer("n");
    VectorColumnTarget target = VectorColumnTarget.of(session.database(), procedure, tableName,
        arguments.text("column_name", null));
    if (n < 1 || n > MAX_QUERIES) {
      throw new SqlUserError("22023", procedure + ": n " + n + " for " + target.tableName() + "."
          + target.columnName() + " is out of range; give 1 to " + MAX_QUERIES + " queries");
    }
    SearchOptions options = session.options();
    boolean fixed = options.nprobe() != null && options.nprobe() > 0;
    double recallTarget = options.recall() != null ? options.recall() : SearchOptions.DEFAULT_RECALL;
    // The parameters VectorSearchExecution uses for an unfiltered search of k rows.
    SearchParams search = fixed ? SearchParams.fixedNprobe(K, options.nprobe())
        : SearchParams.forRecall(K, recallTarget);
    SearchParams exact = SearchParams.forRecall(K, 1.0);
    IvfIndex current = target.index().current();
    int nlist = current == null ? 0 : current.nlist();
    List<float[]> queries = sample(target, n);
    Object[] row = {target.tableName(), target.columnName(), queries.size(), K, fixed ? null : recallTarget, null,
        null, null, nlist};
    if (!queries.isEmpty()) {
      double[] recalls = new double[queries.size()];
      long partitions = 0;
      for (int i = 0; i < recalls.length; i++) {
        SearchResult found = target.index().search(queries.get(i), search, null);
        SearchResult truth = target.index().search(queries.get(i), exact, null);
        recalls[i] = Recall.of(found.ids(), truth.ids());
        partitions += found.partitionsScanned();
      }
      Arrays.sort(recalls);
      row[5] = Arrays.stream(recalls).average().orElseThrow();
      row[6] = recalls[(int) Math.ceil(0.1 * recalls.length) - 1];
      row[7] = partitions / (double) recalls.length;
    }
    List<Object[]> rows = new ArrayList<>();
    rows.add(row);
    return rows;
  }

  /**
   * Up to {@code n} of the column's vectors, chosen uniformly without replacement by a generator seeded with
   * {@value #SEED} from the rows ordered by row id, so the same rows give the same sample.
   */
  private static List<float[]> sample(VectorColumnTarget target, int n) {
    List<Map.Entry<Long, float[]>> rows = new ArrayList<>();
    int ordinal = target.ordinal();
    target.table().forEachRow((rowId, row) -> {
      if (row[ordinal] != null) {
        rows.add(Map.entry(rowId, ((FloatVector) row[ordinal]).values()));
      }
    });
    rows.sort(Map.Entry.comparingByKey());
    Random random = new Random(SEED);
    int count = Math.min(n, rows.size());
    List<float[]> sample = new ArrayList<>(count);
    for (int i = 0; i < count; i++) { // the first count steps of a Fisher–Yates shuffle
      int j = i + random.nextInt(rows.size() - i);
      Map.Entry<Long, float[]> chosen = rows.get(j);
      rows.set(j, rows.get(i));
      rows.set(i, chosen);
      sample.add(chosen.getValue());
    }
    return sample;
  }
}
