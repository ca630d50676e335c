package dev.quiver.adapter.rel;

import dev.quiver.adapter.table.VectorTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** Planner rule that implements INSERT, UPDATE and DELETE on a {@link VectorTable} by {@link VectorTableModify}. */
public final class VectorTableModifyRule extends ConverterRule {

  /** Default configuration. */
  public static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "VectorTableModifyRule")
      .withRuleFactory(VectorTableModifyRule::new);

  private VectorTableModifyRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalTableModify modify = (LogicalTableModify) rel;
    if (modify.getTable().unwrap(VectorTable.class) == null) {
      return null;
    }
    return new VectorTableModify(modify.getCluster(), modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
        modify.getTable(), modify.getCatalogReader(),
        convert(modify.getInput(), modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE)),
        modify.getOperation(), modify.getUpdateColumnList(), modify.getSourceExpressionList(),
        modify.isFlattened());
  }
}
