package io.epiwatch.catalog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
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
            return gated(delegate);
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

  /** The methods of ParserInterface that parse a statement: their plans pass the gate. */
  private static final Set<String> STATEMENT_PARSERS =
      Set.of("parsePlan", "parseQuery", "parsePlanWithParameters");

  /**
   * The session's parser with the statement gate in front: every method is delegated, and the plans
   * of the statement parsers pass {@link ReadOnlyQueries#checkStatement} when armed. A proxy rather
   * than a class, so that a method Spark adds to ParserInterface is delegated too.
   */
  public static ParserInterface gated(ParserInterface delegate) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          ReadOnlyQueries.Scope scope = ReadOnlyQueries.armed();
          if (scope != null && STATEMENT_PARSERS.contains(method.getName()))
            ReadOnlyQueries.checkStatement((LogicalPlan) result, scope);
          return result;
        };
    return (ParserInterface)
        Proxy.newProxyInstance(
            ParserInterface.class.getClassLoader(),
            new Class<?>[] {ParserInterface.class},
            handler);
  }
}
