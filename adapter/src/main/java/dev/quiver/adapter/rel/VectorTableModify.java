package dev.quiver.adapter.rel;

import dev.quiver.adapter.table.TableChange;
import dev.quiver.adapter.table.VectorTable;
import dev.quiver.functions.SqlUserError;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/**
 * Relational operator that applies an INSERT, UPDATE or DELETE to a {@link VectorTable}: it runs its input (the
 * new rows, or the old rows with their new values, or the rows to delete), then hands them all to the table, which
 * commits them in H2 as one transaction and updates its indexes. Calcite's own table-modify operator supports
 * neither UPDATE nor deletion by key.
 */
public final class VectorTableModify extends TableModify implements EnumerableRel {

  /** Creates the operator; its input must be enumerable. */
  public VectorTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation, List<String> updateColumnList,
      List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
        flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new VectorTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
        getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    Runner runner = new Runner(table.unwrap(VectorTable.class), getOperation(), updatedColumns(),
        input.physType.getFormat() == JavaRowFormat.SCALAR);
    Expression call = Expressions.call(implementor.stash(runner, Runner.class), Runner.RUN,
        Expressions.convert_(rows, Enumerable.class));
    builder.add(Expressions.return_(null, call));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, builder.toBlock());
  }

  private int[] updatedColumns() {
    if (getOperation() != Operation.UPDATE) {
      return new int[0];
    }
    List<String> names = table.getRowType().getFieldNames();
    return getUpdateColumnList().stream().mapToInt(names::indexOf).toArray();
  }

  /** What the generated code calls: gathers the input rows and applies them to the table. */
  public static final class Runner {
    private static final java.lang.reflect.Method RUN;

    static {
      try {
        RUN = Runner.class.getMethod("run", Enumerable.class);
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final VectorTable table;
    private final Operation operation;
    private final int[] updatedColumns;
    private final boolean scalarRows;

    Runner(VectorTable table, Operation operation, int[] updatedColumns, boolean scalarRows) {
      this.table = table;
      this.operation = operation;
      this.updatedColumns = updatedColumns;
      this.scalarRows = scalarRows;
    }

    /** Applies the statement; returns a one-row enumerable holding the number of rows changed. */
    public Enumerable<Long> run(Enumerable<?> input) {
      List<Object[]> rows = new ArrayList<>();
      for (Object row : input) {
        rows.add(scalarRows ? new Object[] {row} : ((Object[]) row).clone());
      }
      TableChange change = switch (operation) {
        case INSERT -> new TableChange.Insert(rows);
        case DELETE -> new TableChange.Delete(rows);
        case UPDATE -> new TableChange.Update(rows, updatedColumns);
        default -> throw new SqlUserError("0A000", operation + " is not supported on table "
            + table.definition().name() + "; use INSERT, UPDATE or DELETE");
      };
      try {
        return Linq4j.singletonEnumerable(table.apply(change));
      } catch (SQLException e) {
        throw new SqlUserError(e.getSQLState() == null ? "58000" : e.getSQLState(), "writing to table "
            + table.definition().name() + " failed: " + e.getMessage(), e);
      }
    }
  }
}
