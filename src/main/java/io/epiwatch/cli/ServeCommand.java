package io.epiwatch.cli;

import io.epiwatch.catalog.TableId;
import io.epiwatch.spark.JobContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * jobs/serve: a Spark Connect server over the warehouse, for notebooks and tools
 * ({@code SparkSession.builder().remote("sc://host:port")} in Scala/Java, {@code pyspark
 * --remote}). Every client session sees the warehouse's tables by name, as jobs/sql does;
 * restricted.* only with --restricted. Runs until stopped (Ctrl-C or SIGTERM).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the warehouse tables over Spark Connect (sc://HOST:PORT) until stopped.")
final class ServeCommand extends SparkCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all interfaces).")
  String host;

  @Option(names = "--port", defaultValue = "15002", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--restricted", description = "Also register restricted.* tables (personal data; access is logged).")
  boolean restricted;

  @Override
  protected Map<String, String> sessionConf() {
    return Map.of("spark.connect.grpc.binding.address", host, "spark.connect.grpc.binding.port", Integer.toString(port));
  }

  @Override
  protected int run(JobContext ctx) throws Exception {
    if (restricted) {
      LOG.warn("restricted tables registered for every client of this server, started by user {} (personal data access)",
          System.getProperty("user.name"));
    }
    // Tables go into the shared in-memory catalog, so every client's session sees them.
    List<TableId> tables = ctx.warehouse().registerAll(restricted);
    CountDownLatch stopped = new CountDownLatch(1);
    SparkConnectService$.MODULE$.start(ctx.spark().sparkContext());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping the Spark Connect server");
      SparkConnectService$.MODULE$.stop(scala.Option.empty(), scala.Option.empty());
      stopped.countDown();
    }, "epiwatch-serve-stop"));
    LOG.info("Spark Connect server listening on sc://{}:{} with {} tables of {}; stop with Ctrl-C", host, port, tables.size(),
        ctx.warehouse().root());
    stopped.await();
    return 0;
  }
}
