package dev.quiver.adapter.rel;

import dev.quiver.adapter.SearchOptions;
import dev.quiver.functions.DistanceFunction;
import dev.quiver.adapter.table.VectorTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Relational operator that answers {@code ORDER BY <distance>(column, query) LIMIT k [OFFSET m]} over a vector
 * table from the column's index: the table's columns plus the distance, nearest first, at most k rows after
 * skipping m, only rows satisfying {@code filter}. Created by {@link VectorSearchRule}; executed by
 * {@link VectorSearchExecution}.
 */
public final class VectorSearch extends AbstractRelNode implements EnumerableRel {

  private final RelOptTable table;
  private final int column;
  private final DistanceFunction function;
  private final RexNode query;
  private final RexNode fetch;
  private final RexNode offset;
  private final RexNode filter;
  private final SearchOptions hintOptions;
  private final SearchOptions planOptions;

  /**
   * Creates the operator.
   *
   * @param column the vector column's ordinal
   * @param function the distance function the query ordered by
   * @param query the query vector: a literal, a parameter or a constant expression
   * @param fetch k: a literal or a parameter
   * @param offset rows to skip, or null
   * @param filter the WHERE condition over the table's columns, or null
   * @param hintOptions options from the {@code vector_search} hint (override everything else)
   * @param planOptions options in force when the query was planned (shown by EXPLAIN)
   */
  VectorSearch(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, int column, DistanceFunction function,
      RexNode query, RexNode fetch, RexNode offset, RexNode filter, SearchOptions hintOptions,
      SearchOptions planOptions, RelDataType rowType) {
    super(cluster, traits);
    this.table = table;
    this.column = column;
    this.function = function;
    this.query = query;
    this.fetch = fetch;
    this.offset = offset;
    this.filter = filter;
    this.hintOptions = hintOptions;
    this.planOptions = planOptions;
    this.rowType = rowType;
  }

  @Override
  public RelOptTable getTable() {
    return table;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new VectorSearch(getCluster(), traitSet, table, column, function, query, fetch, offset, filter,
        hintOptions, planOptions, rowType);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return fetch instanceof RexLiteral literal ? Math.max(1, literal.getValueAs(Long.class)) : 10;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // An index search reads a few partitions, never more than a plan that reads and sorts the whole table; the
    // smallest cost keeps even a tiny table (whose statistics make a full sort look free) on the index path.
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    VectorTable vectors = table.unwrap(VectorTable.class);
    String tableName = vectors.definition().name();
    String columnName = vectors.definition().columns().get(column).name();
    double recall = planOptions.recall() != null ? planOptions.recall() : SearchOptions.DEFAULT_RECALL;
    String strategy = planOptions.nprobe() != null && planOptions.nprobe() > 0 ? "nprobe"
        : recall >= 1.0 ? "exact" : "aps";
    return super.explainTerms(pw)
        .item("table", tableName)
        .item("column", columnName)
        .item("function", function.sqlName())
        .item("k", fetch)
        .itemIf("offset", offset, offset != null)
        .item("recall", recall)
        .itemIf("nprobe", planOptions.nprobe(), "nprobe".equals(strategy))
        .item("strategy", strategy)
        .itemIf("filter", filter, filter != null);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RexBuilder rexBuilder = getCluster().getRexBuilder();
    RelDataType noInput = getCluster().getTypeFactory().builder().build();
    RexNode skip = offset != null ? offset : rexBuilder.makeExactLiteral(java.math.BigDecimal.ZERO);
    // Compiled once per prepared statement: the constant operands (query, k, offset) and the filter.
    RexExecutable constants = RexExecutorImpl.getExecutable(rexBuilder, List.of(query, fetch, skip), noInput);
    RexExecutable condition = filter == null ? null
        : RexExecutorImpl.getExecutable(rexBuilder, List.of(filter), table.getRowType());
    VectorSearchExecution execution = new VectorSearchExecution(table.unwrap(VectorTable.class), column, function,
        constants.getFunction(), condition == null ? null : condition.getFunction(), hintOptions);
    Expression body = Expressions.call(implementor.stash(execution, VectorSearchExecution.class), "execute",
        implementor.getRootExpression());
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, Blocks.toBlock(body));
  }
}
