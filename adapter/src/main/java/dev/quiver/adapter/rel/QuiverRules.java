package dev.quiver.adapter.rel;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;

/** The planner rules Quiver adds to Calcite's, and the hints it understands. */
public final class QuiverRules {

  /** Name of the hint that sets search options for one query: {@code /*+ vector_search(recall=0.95) *}{@code /}. */
  public static final String VECTOR_SEARCH_HINT = "vector_search";

  /** Rewrites ORDER BY distance LIMIT k (with a filter) into an index search. */
  public static final VectorSearchRule VECTOR_SEARCH_FILTERED = VectorSearchRule.Config.FILTERED.toRule();

  /** Rewrites ORDER BY distance LIMIT k (without a filter) into an index search. */
  public static final VectorSearchRule VECTOR_SEARCH = VectorSearchRule.Config.UNFILTERED.toRule();

  /** Implements INSERT, UPDATE and DELETE on vector tables. */
  public static final VectorTableModifyRule TABLE_MODIFY =
      (VectorTableModifyRule) VectorTableModifyRule.DEFAULT_CONFIG.toRule();

  /**
   * Where the {@code vector_search} hint may attach: a query-level hint propagates down to the table scan, which
   * {@link VectorSearchRule} reads. Not to projections: Calcite's planner then loops forever on a filtered query,
   * re-deriving hinted and unhinted copies of the same projection.
   */
  public static final HintStrategyTable HINT_STRATEGIES = HintStrategyTable.builder()
      .hintStrategy(VECTOR_SEARCH_HINT, HintPredicates.TABLE_SCAN)
      .build();

  private QuiverRules() {}

  /** Adds Quiver's rules to a planner. */
  public static void register(RelOptPlanner planner) {
    planner.addRule(VECTOR_SEARCH_FILTERED);
    planner.addRule(VECTOR_SEARCH);
    planner.addRule(TABLE_MODIFY);
  }
}
