package io.epiwatch.cli;

import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.Sessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * jobs/serve: a Spark Connect server over the warehouse, for notebooks and tools ({@code
 * SparkSession.builder().remote("sc://host:port")} in Scala/Java, {@code pyspark --remote}). Every
 * client session sees the warehouse's tables by name, as jobs/sql does; restricted.* only with
 * --restricted. Runs until stopped (Ctrl-C or SIGTERM).
 *
 * <p>Clients must present the token (Spark Connect's own pre-shared token authentication, {@code
 * sc://host:port/;token=...}); it comes from {@value #TOKEN_ENV} or the file named by {@value
 * #TOKEN_FILE_ENV}, never from the command line, and without one the server does not start. Every
 * client session is read-only: {@link ReadOnlyConnectInterceptor} refuses reads by path, writes and
 * client code in the requests, and {@link io.epiwatch.catalog.ReadOnlyExtension} checks every
 * statement and plan ({@link ReadOnlyQueries}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the warehouse tables read-only over Spark Connect (sc://HOST:PORT/;token=...) until stopped.",
      "The clients' token comes from EPIWATCH_SERVE_TOKEN or the file named by EPIWATCH_SERVE_TOKEN_FILE (required)."
    })
final class ServeCommand extends SparkCommand {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  static final String TOKEN_ENV = "EPIWATCH_SERVE_TOKEN";
  static final String TOKEN_FILE_ENV = "EPIWATCH_SERVE_TOKEN_FILE";

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all interfaces).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "15002",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin ReadOnlyTables tables;

  @Override
  protected Map<String, String> sessionConf() {
    Map<String, String> conf = new HashMap<>(Sessions.readOnly());
    conf.put("spark.connect.grpc.binding.address", host);
    conf.put("spark.connect.grpc.binding.port", Integer.toString(port));
    conf.put("spark.connect.authenticate.token", token(System.getenv()));
    conf.put("spark.connect.grpc.interceptor.classes", ReadOnlyConnectInterceptor.class.getName());
    return conf;
  }

  /**
   * The clients' token: {@value #TOKEN_ENV}, else the first line of the file named by {@value
   * #TOKEN_FILE_ENV}; at least 16 characters. Without one the server refuses to start.
   */
  static String token(Map<String, String> env) {
    String token = env.get(TOKEN_ENV);
    String source = TOKEN_ENV;
    if ((token == null || token.isBlank())
        && env.get(TOKEN_FILE_ENV) != null
        && !env.get(TOKEN_FILE_ENV).isBlank()) {
      Path file = Path.of(env.get(TOKEN_FILE_ENV));
      source = TOKEN_FILE_ENV + " (" + file + ")";
      try {
        token = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
      } catch (IOException e) {
        throw new IllegalArgumentException(
            TOKEN_FILE_ENV + ": cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "no client token: set "
              + TOKEN_ENV
              + " or "
              + TOKEN_FILE_ENV
              + " (clients connect with sc://host:port/;token=...)");
    }
    token = token.strip();
    if (token.length() < 16) {
      throw new IllegalArgumentException(
          source + ": the token has " + token.length() + " characters, at least 16 are needed");
    }
    return token;
  }

  @Override
  protected int run(JobContext ctx) throws Exception {
    // Tables go into the shared in-memory catalog, so every client's session sees them.
    ReadOnlyQueries.Scope scope = tables.registerAndArm(ctx, "every client of this server");
    CountDownLatch stopped = new CountDownLatch(1);
    SparkConnectService$.MODULE$.start(ctx.spark().sparkContext());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping the Spark Connect server");
                  SparkConnectService$.MODULE$.stop(scala.Option.empty(), scala.Option.empty());
                  stopped.countDown();
                },
                "epiwatch-serve-stop"));
    LOG.info(
        "Spark Connect server listening on sc://{}:{} with {} tables of {} (read-only, clients need the token); stop with Ctrl-C",
        host,
        port,
        scope.tables().size(),
        ctx.warehouse().root());
    stopped.await();
    return 0;
  }
}
