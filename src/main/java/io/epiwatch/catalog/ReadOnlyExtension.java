package io.epiwatch.catalog;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * {@code spark.sql.extensions} of the read-only sessions (jobs/sql and jobs/serve only; the jobs
 * that write never load it): once {@link ReadOnlyQueries#arm armed}, every SQL statement parsed by
 * any session of the process (every Spark Connect client session included) passes {@link
 * ReadOnlyQueries#checkStatement} before it is analysed, and every analysed plan, SQL or DataFrame,
 * passes {@link ReadOnlyQueries#checkAnalysed} before it runs. Before arming (while the command
 * registers the warehouse tables) both gates let everything through.
 */
public final class ReadOnlyExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** The class name to append to spark.sql.extensions. */
  public static final String NAME = ReadOnlyExtension.class.getName();

  @Override
  public BoxedUnit apply(SparkSessionExtensions ext) {
    ext.injectParser(
        new scala.runtime.AbstractFunction2<
            org.apache.spark.sql.SparkSession, ParserInterface, ParserInterface>() {
          @Override
          public ParserInterface apply(
              org.apache.spark.sql.SparkSession session, ParserInterface delegate) {
            return new Parser(delegate);
          }
        });
    ext.injectCheckRule(
        new AbstractFunction1<
            org.apache.spark.sql.SparkSession, scala.Function1<LogicalPlan, BoxedUnit>>() {
          @Override
          public scala.Function1<LogicalPlan, BoxedUnit> apply(
              org.apache.spark.sql.SparkSession session) {
            return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
              @Override
              public BoxedUnit apply(LogicalPlan plan) {
                ReadOnlyQueries.Scope scope = ReadOnlyQueries.armed();
                if (scope != null) ReadOnlyQueries.checkAnalysed(plan, scope);
                return BoxedUnit.UNIT;
              }
            };
          }
        });
    return BoxedUnit.UNIT;
  }

  /**
   * Delegates everything; statements (parsePlan, parseQuery) pass the statement gate when armed.
   */
  static final class Parser implements ParserInterface {
    private final ParserInterface delegate;

    Parser(ParserInterface delegate) {
      this.delegate = delegate;
    }

    private static LogicalPlan checked(LogicalPlan plan) {
      ReadOnlyQueries.Scope scope = ReadOnlyQueries.armed();
      if (scope != null) ReadOnlyQueries.checkStatement(plan, scope);
      return plan;
    }

    @Override
    public LogicalPlan parsePlan(String sql)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return checked(delegate.parsePlan(sql));
    }

    @Override
    public LogicalPlan parseQuery(String sql)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return checked(delegate.parseQuery(sql));
    }

    @Override
    public LogicalPlan parsePlanWithParameters(
        String sql, org.apache.spark.sql.catalyst.parser.ParameterContext ctx)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return checked(delegate.parsePlanWithParameters(sql, ctx));
    }

    @Override
    public Expression parseExpression(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseExpression(s);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseTableIdentifier(s);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseFunctionIdentifier(s);
    }

    @Override
    public scala.collection.immutable.Seq<String> parseMultipartIdentifier(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseMultipartIdentifier(s);
    }

    @Override
    public StructType parseRoutineParam(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseRoutineParam(s);
    }

    @Override
    public StructType parseTableSchema(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseTableSchema(s);
    }

    @Override
    public DataType parseDataType(String s)
        throws org.apache.spark.sql.catalyst.parser.ParseException {
      return delegate.parseDataType(s);
    }
  }
}
