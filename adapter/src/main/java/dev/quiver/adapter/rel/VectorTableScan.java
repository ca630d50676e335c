package dev.quiver.adapter.rel;

import dev.quiver.adapter.table.VectorTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/**
 * Relational operator that reads every row of a {@link VectorTable}. It exists so that a vector table brings its
 * planner rules with it: registering the scan registers {@link QuiverRules}, so the vector-search rewrite and
 * table-modify path work wherever the table is used — through {@code jdbc:quiver:}, or mounted by
 * {@link dev.quiver.adapter.QuiverSchemaFactory} in an ordinary Calcite connection.
 */
public final class VectorTableScan extends TableScan implements EnumerableRel {

  /** Creates a scan of {@code table}. */
  public VectorTableScan(RelOptCluster cluster, RelOptTable table) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public void register(RelOptPlanner planner) {
    QuiverRules.register(planner);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    VectorTable vectorTable = table.unwrap(VectorTable.class);
    // Calcite represents a one-column row as the bare value, not as a one-element array.
    boolean single = getRowType().getFieldCount() == 1;
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        single ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY);
    return implementor.result(physType, Blocks.toBlock(Expressions.call(
        implementor.stash(vectorTable, VectorTable.class), single ? "scanSingleColumn" : "scan",
        implementor.getRootExpression())));
  }
}
