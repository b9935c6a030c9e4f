package io.epiwatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, loaded once and immutable: paths, Spark settings, time zone, secret
 * sources, per-source ingest settings and the dated {@link Policy}. Loaded from the file given
 * by --conf, falling back to the copy of conf/epiwatch.conf bundled in the jar; environment
 * variables named in the file override it (HOCON ${?VAR}).
 */
public final class AppConfig {
  public static final String BUNDLED = "epiwatch.conf";

  private final Config root;
  private final String warehouse;
  private final String inbox;
  private final String out;
  private final ZoneId zone;
  private final Policy policy;

  private AppConfig(Config root) {
    this.root = root;
    Config c = root.getConfig("epiwatch");
    this.warehouse = c.getString("warehouse");
    this.inbox = c.getString("inbox");
    this.out = c.getString("out");
    this.zone = ZoneId.of(c.getString("time-zone"));
    this.policy = Policy.from(c.getConfig("policy"));
  }

  /** Loads the given file (null = the bundled default), resolving environment overrides. */
  public static AppConfig load(Path file) {
    Config parsed;
    if (file == null) {
      parsed = ConfigFactory.parseResources(BUNDLED, ConfigParseOptions.defaults().setAllowMissing(false));
    } else {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--conf " + file + ": no such file");
      }
      parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    return fromConfig(parsed);
  }

  /** For tests: HOCON text layered over the bundled defaults. */
  public static AppConfig fromString(String hocon) {
    Config base = ConfigFactory.parseResources(BUNDLED);
    return fromConfig(ConfigFactory.parseString(hocon).withFallback(base));
  }

  private static AppConfig fromConfig(Config parsed) {
    // resolve() falls back to environment variables for ${?VAR} substitutions.
    Config resolved = parsed.resolve(ConfigResolveOptions.defaults());
    return new AppConfig(resolved);
  }

  /** A copy with some paths overridden (command-line options win over the file). */
  public AppConfig withPaths(String warehouse, String inbox, String out) {
    Config c = root;
    if (warehouse != null) c = c.withValue("epiwatch.warehouse", com.typesafe.config.ConfigValueFactory.fromAnyRef(warehouse));
    if (inbox != null) c = c.withValue("epiwatch.inbox", com.typesafe.config.ConfigValueFactory.fromAnyRef(inbox));
    if (out != null) c = c.withValue("epiwatch.out", com.typesafe.config.ConfigValueFactory.fromAnyRef(out));
    return new AppConfig(c);
  }

  public String warehouse() { return warehouse; }
  public String inbox() { return inbox; }
  public String out() { return out; }
  public ZoneId zone() { return zone; }
  public Policy policy() { return policy; }

  public String sparkMaster() { return root.getString("epiwatch.spark.master"); }

  /** Extra Spark settings from epiwatch.spark.conf. */
  public Map<String, String> sparkConf() {
    Map<String, String> m = new LinkedHashMap<>();
    Config sc = root.getConfig("epiwatch.spark.conf");
    sc.root().keySet().forEach(k -> m.put(k, sc.getString("\"" + k + "\"")));
    return m;
  }

  /** Configured encoding of a source: auto, UTF-8, GB18030 or GBK. */
  public String encoding(String source) {
    String path = "epiwatch.sources." + source + ".encoding";
    return root.hasPath(path) ? root.getString(path) : "auto";
  }

  /** epiwatch.restricted-root: the folder of restricted.* tables; empty = {@code <warehouse>/restricted}. */
  public Optional<String> restrictedRoot() { return opt("epiwatch.restricted-root"); }

  public Optional<String> secretValue() { return opt("epiwatch.secret.value"); }
  public Optional<String> secretFile() { return opt("epiwatch.secret.file"); }
  public boolean allowDemoSecret() { return root.getBoolean("epiwatch.secret.allow-demo-secret"); }

  /** Raw access for settings a stage owns (e.g. "epiwatch.bench"). */
  public Config raw() { return root; }

  private Optional<String> opt(String path) {
    return root.hasPath(path) && !root.getString(path).isBlank() ? Optional.of(root.getString(path)) : Optional.empty();
  }
}
