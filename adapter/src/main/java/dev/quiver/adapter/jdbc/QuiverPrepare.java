package dev.quiver.adapter.jdbc;

import dev.quiver.adapter.QuiverSession;
import dev.quiver.adapter.SearchOptions;
import dev.quiver.adapter.rel.PlanningSession;
import dev.quiver.adapter.rel.QuiverRules;
import dev.quiver.adapter.system.SystemSchema;
import java.lang.reflect.Type;
import java.util.function.UnaryOperator;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

/**
 * Calcite's statement preparation with Quiver's additions: the vector-search and table-modify rules in every
 * planner, the {@code vector_search} hint kept through SQL-to-relational conversion, and hint options written as
 * bare numbers ({@code recall=0.95}) accepted.
 */
public class QuiverPrepare extends CalcitePrepareImpl {

  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(HintText.quoteNumbers(sql), parserConfig);
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(CalcitePrepare.Context context, CalcitePrepare.Query<T> query,
      Type elementType, long maxRowCount) {
    QuiverSession session = SystemSchema.sessionOf(context.getRootSchema().plus());
    SearchOptions options = session == null ? SearchOptions.NONE : session.options();
    return PlanningSession.with(options, () -> super.prepareSql(context, query, elementType, maxRowCount));
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    QuiverRules.register(planner);
    return planner;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention convention = enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
    return new QuiverPreparingStmt(this, context, catalogReader, prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())), convention);
  }

  /**
   * A preparing statement whose validator infers ORDER BY parameters ({@link QuiverSqlValidator}) and whose
   * SQL-to-relational converter keeps Quiver's hints.
   */
  private static final class QuiverPreparingStmt extends CalcitePreparingStmt {
    private final CalcitePrepare.Context prepareContext;

    QuiverPreparingStmt(QuiverPrepare prepare, CalcitePrepare.Context context, CalciteCatalogReader catalogReader,
        EnumerableRel.Prefer prefer, org.apache.calcite.plan.RelOptCluster cluster, Convention convention) {
      super(prepare, context, catalogReader, context.getTypeFactory(), context.getRootSchema(), prefer, cluster,
          convention, prepare.createConvertletTable());
      this.prepareContext = context;
    }

    @Override
    protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
        UnaryOperator<SqlValidator.Config> configTransform) {
      CalciteConnectionConfig config = prepareContext.config();
      SqlOperatorTable operators = SqlOperatorTables.chain(
          config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), catalogReader);
      SqlValidator.Config validatorConfig = configTransform.apply(SqlValidator.Config.DEFAULT
          .withLenientOperatorLookup(config.lenientOperatorLookup())
          .withConformance(config.conformance())
          .withDefaultNullCollation(config.defaultNullCollation())
          .withIdentifierExpansion(true));
      return new QuiverSqlValidator(operators, (CalciteCatalogReader) catalogReader, prepareContext.getTypeFactory(),
          validatorConfig);
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator, Prepare.CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      return super.getSqlToRelConverter(validator, catalogReader,
          config.withHintStrategyTable(QuiverRules.HINT_STRATEGIES));
    }
  }
}
