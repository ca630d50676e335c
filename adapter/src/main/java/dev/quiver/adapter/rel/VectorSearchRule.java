package dev.quiver.adapter.rel;

import dev.quiver.adapter.SearchOptions;
import dev.quiver.adapter.catalog.ColumnType;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import dev.quiver.functions.DistanceFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Planner rule that turns {@code ORDER BY <distance>(column, query) [ASC] LIMIT k [OFFSET m]} over a vector table,
 * with or without a {@code WHERE} filter, into a {@link VectorSearch} under a projection that reads the distance
 * from it. The distance function must match the column's metric ({@code l2_distance} for L2,
 * {@code cosine_distance} for COSINE, {@code negative_inner_product} for IP, or {@code distance} for any); a query
 * the rule cannot rewrite runs as written, exactly, unless it demanded the index with a {@code vector_search} hint.
 */
public final class VectorSearchRule extends RelRule<VectorSearchRule.Config> {

  private VectorSearchRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Sort sort = call.rel(0);
    Project project = call.rel(1);
    Filter filter = config.withFilter() ? call.rel(2) : null;
    TableScan scan = call.rel(config.withFilter() ? 3 : 2);
    VectorTable table = scan.getTable().unwrap(VectorTable.class);
    List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    // Rows without a vector come last from the index path, as ASC puts NULLs by default; NULLS FIRST is not rewritten.
    if (table == null || sort.fetch == null || keys.size() != 1
        || keys.get(0).getDirection() != RelFieldCollation.Direction.ASCENDING
        || keys.get(0).nullDirection == RelFieldCollation.NullDirection.FIRST) {
      return;
    }
    if (!(project.getProjects().get(keys.get(0).getFieldIndex()) instanceof RexCall distance)) {
      return;
    }
    DistanceFunction function = DistanceFunction.named(distance.getOperator().getName());
    if (function == null || distance.getOperands().size() != 2) {
      return;
    }
    int column = vectorColumn(distance, table);
    if (column < 0) {
      return;
    }
    RexNode query = distance.getOperands().get(distance.getOperands().get(0) instanceof RexInputRef ? 1 : 0);
    if (RexUtil.containsInputRef(query) || RexUtil.containsCorrelation(query)
        || RexUtil.SubQueryFinder.find(query) != null
        || (filter != null && (RexUtil.SubQueryFinder.find(filter.getCondition()) != null
            || RexUtil.containsCorrelation(filter.getCondition())))) {
      return;
    }
    List<RelHint> hints = hints(sort, project, scan);
    SearchOptions hintOptions = hintOptions(hints);
    ColumnType type = table.definition().columns().get(column).type();
    if (!function.answeredBy(type.metric())) {
      if (!hints.isEmpty()) {
        throw new SqlUserError("42809", "metric mismatch: " + table.definition().name() + "."
            + table.definition().columns().get(column).name() + " is indexed for METRIC " + type.metricName()
            + " but the query orders by " + function.sqlName() + "; order by "
            + DistanceFunction.of(type.metric()).sqlName() + " or distance(), or drop the vector_search hint to"
            + " evaluate " + function.sqlName() + " exactly");
      }
      return; // evaluated exactly by the plan as written
    }
    RelDataType rowType = call.builder().getTypeFactory().builder()
        .addAll(scan.getRowType().getFieldList())
        .add("distance", distance.getType())
        .build();
    int distanceField = rowType.getFieldCount() - 1;
    RelCollation collation = RelCollations.of(distanceField);
    RelTraitSet traits = scan.getTraitSet().replace(EnumerableConvention.INSTANCE)
        .replaceIf(RelCollationTraitDef.INSTANCE, () -> collation);
    SearchOptions planOptions = hintOptions.orElse(PlanningSession.options());
    VectorSearch search = new VectorSearch(scan.getCluster(), traits, scan.getTable(), column, function, query,
        sort.fetch, sort.offset, filter == null ? null : filter.getCondition(), hintOptions, planOptions, rowType);
    RexNode distanceRef = RexInputRef.of(distanceField, rowType);
    List<RexNode> projects = new ArrayList<>();
    for (RexNode expression : project.getProjects()) {
      projects.add(expression.accept(new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall node) {
          return node.equals(distance) ? distanceRef : super.visitCall(node);
        }
      }));
    }
    // Keep the projection's hints: Volcano would otherwise see the hinted and unhinted projections as different
    // expressions and keep re-deriving one from the other.
    call.transformTo(LogicalProject.create(search, project.getHints(), projects, project.getRowType(),
        project.getVariablesSet()));
  }

  /** The ordinal of the vector column one operand of {@code distance} reads, or −1. */
  private static int vectorColumn(RexCall distance, VectorTable table) {
    for (RexNode operand : distance.getOperands()) {
      if (operand instanceof RexInputRef ref && table.definition().columns().get(ref.getIndex()).type().isVector()) {
        return ref.getIndex();
      }
    }
    return -1;
  }

  private static List<RelHint> hints(Hintable... nodes) {
    List<RelHint> hints = new ArrayList<>();
    for (Hintable node : nodes) {
      for (RelHint hint : node.getHints()) {
        if (hint.hintName.equalsIgnoreCase(QuiverRules.VECTOR_SEARCH_HINT) && !hints.contains(hint)) {
          hints.add(hint);
        }
      }
    }
    return hints;
  }

  private static SearchOptions hintOptions(List<RelHint> hints) {
    Map<String, String> values = new LinkedHashMap<>();
    for (RelHint hint : hints) {
      if (!hint.listOptions.isEmpty()) {
        throw new SqlUserError("22023", "hint vector_search" + hint.listOptions + ": write options as name=value,"
            + " e.g. /*+ vector_search(recall=0.95) */");
      }
      values.putAll(hint.kvOptions);
    }
    return SearchOptions.parse("hint vector_search", values);
  }

  /**
   * Rule configuration: the plan shape to match.
   *
   * @param withFilter whether the shape has a filter between the projection and the scan
   */
  public record Config(boolean withFilter, OperandTransform operandSupplier, String description,
      RelBuilderFactory relBuilderFactory) implements RelRule.Config {

    /** Sort over a projection over a filter over a vector table scan. */
    public static final Config FILTERED = new Config(true, b0 -> b0.operand(LogicalSort.class).oneInput(b1 ->
        b1.operand(LogicalProject.class).oneInput(b2 ->
            b2.operand(LogicalFilter.class).oneInput(b3 ->
                b3.operand(TableScan.class).predicate(VectorSearchRule::isVectorTable).noInputs()))),
        "VectorSearchRule(filtered)", RelFactories.LOGICAL_BUILDER);

    /** Sort over a projection over a vector table scan. */
    public static final Config UNFILTERED = new Config(false, b0 -> b0.operand(LogicalSort.class).oneInput(b1 ->
        b1.operand(LogicalProject.class).oneInput(b2 ->
            b2.operand(TableScan.class).predicate(VectorSearchRule::isVectorTable).noInputs())),
        "VectorSearchRule", RelFactories.LOGICAL_BUILDER);

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(withFilter, operandSupplier, description, factory);
    }

    @Override
    public Config withDescription(String value) {
      return new Config(withFilter, operandSupplier, value, relBuilderFactory);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(withFilter, transform, description, relBuilderFactory);
    }

    @Override
    public VectorSearchRule toRule() {
      return new VectorSearchRule(this);
    }
  }

  private static boolean isVectorTable(TableScan scan) {
    return scan.getTable().unwrap(VectorTable.class) != null;
  }
}
