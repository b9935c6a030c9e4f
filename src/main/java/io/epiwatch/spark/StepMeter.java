package io.epiwatch.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

/**
 * What each named step of a stage cost: wall seconds, and from Spark's listener bus the jobs,
 * tasks, bytes and records read, shuffle bytes and executor time of the Spark jobs it ran. A step
 * is a table computed and written, a frame kept, a source loaded, a briefing rendered: the unit a
 * slow run is explained by (ops.job_steps, docs/operations.md). Spark jobs run outside any named
 * step (reading the manifest, the versions, the lock) are summed under {@link #OTHER}.
 *
 * <p>The step's name travels with its jobs as the Spark local property {@link #PROPERTY}, so the
 * counts are right however the work is split into jobs; steps may nest (the inner one wins).
 * Listener events arrive asynchronously: {@link #drain} waits for the bus to empty first.
 */
public final class StepMeter {
  /** The local property naming the step of a Spark job. */
  public static final String PROPERTY = "epiwatch.step";

  /** The step of Spark jobs run outside any named step. */
  public static final String OTHER = "(outside named steps)";

  /** One step's costs ({@link #OTHER} has no start or wall time of its own: null). */
  public record Step(
      String name,
      Instant started,
      Long durationMs,
      long sparkJobs,
      long tasks,
      long inputBytes,
      long inputRecords,
      long shuffleReadBytes,
      long shuffleWriteBytes,
      long executorRunMs) {}

  private static final Map<SparkContext, Listener> LISTENERS = new ConcurrentHashMap<>();

  private StepMeter() {}

  /** Runs {@code work} as the step {@code name} and records its wall time and Spark costs. */
  public static <T> T step(SparkSession spark, String name, Supplier<T> work) {
    Listener l = listener(spark);
    SparkContext sc = spark.sparkContext();
    String outer = sc.getLocalProperty(PROPERTY);
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    sc.setLocalProperty(PROPERTY, name);
    try {
      return work.get();
    } finally {
      sc.setLocalProperty(PROPERTY, outer);
      l.wall(name, started, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** {@link #step(SparkSession, String, Supplier)} for work without a result. */
  public static void step(SparkSession spark, String name, Runnable work) {
    step(
        spark,
        name,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * The steps recorded since the last drain, in the order they started ({@link #OTHER} last, when
   * any job ran outside a named step), and forgets them.
   */
  public static List<Step> drain(SparkSession spark) {
    Listener l = listener(spark);
    SparkContext sc = spark.sparkContext();
    // The listener bus is asynchronous: let it deliver the events of the jobs already ended.
    try {
      sc.listenerBus().waitUntilEmpty(10_000);
    } catch (Exception e) { // a timeout: the counts of the last jobs may be short, not wrong
    }
    return l.drain();
  }

  private static Listener listener(SparkSession spark) {
    return LISTENERS.computeIfAbsent(
        spark.sparkContext(),
        sc -> {
          Listener l = new Listener();
          sc.addSparkListener(l);
          return l;
        });
  }

  /** Sums per step name; the wall time comes from {@link #step}, the rest from the bus. */
  private static final class Listener extends SparkListener {
    private final Map<Integer, String> stageStep = new ConcurrentHashMap<>();
    private final Map<String, long[]> costs = new LinkedHashMap<>();
    private final Map<String, Instant> started = new LinkedHashMap<>();
    private final Map<String, Long> wallMs = new LinkedHashMap<>();

    synchronized void wall(String name, Instant at, long ms) {
      started.putIfAbsent(name, at);
      wallMs.merge(name, ms, Long::sum);
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      String step = e.properties() == null ? null : e.properties().getProperty(PROPERTY);
      String name = step == null ? OTHER : step;
      scala.collection.Iterator<StageInfo> it = e.stageInfos().iterator();
      while (it.hasNext()) stageStep.put(it.next().stageId(), name);
      add(name, 0, 1);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      String name = stageStep.getOrDefault(e.stageId(), OTHER);
      TaskMetrics m = e.taskMetrics();
      add(name, 1, 1);
      if (m == null) return;
      add(name, 2, m.inputMetrics().bytesRead());
      add(name, 3, m.inputMetrics().recordsRead());
      add(name, 4, m.shuffleReadMetrics().totalBytesRead());
      add(name, 5, m.shuffleWriteMetrics().bytesWritten());
      add(name, 6, m.executorRunTime());
    }

    private synchronized void add(String name, int i, long n) {
      costs.computeIfAbsent(name, k -> new long[7])[i] += n;
    }

    synchronized List<Step> drain() {
      List<String> names = new ArrayList<>(started.keySet());
      if (costs.containsKey(OTHER)) names.add(OTHER);
      List<Step> steps = new ArrayList<>();
      for (String n : names) {
        long[] c = costs.getOrDefault(n, new long[7]);
        steps.add(
            new Step(n, started.get(n), wallMs.get(n), c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
      }
      costs.clear();
      started.clear();
      wallMs.clear();
      stageStep.clear();
      return steps;
    }
  }
}
