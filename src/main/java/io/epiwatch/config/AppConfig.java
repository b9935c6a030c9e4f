package io.epiwatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import io.epiwatch.common.Coded;
import io.epiwatch.common.SourceEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, loaded once and immutable: paths, Spark settings, time zone, secret
 * sources, per-source ingest settings and the dated {@link Policy}.
 *
 * <p>Layers, highest first: command-line options ({@link #withPaths}); the environment variables
 * named in the defaults ({@code EPIWATCH_WAREHOUSE = ...} as HOCON {@code ${?VAR}}); one site file
 * holding only what the site changes; the shipped defaults (conf/epiwatch.conf, bundled in the
 * jar). The site file is the one given by {@code --conf}, else by the environment variable {@code
 * EPIWATCH_CONF}, else {@code /etc/epiwatch/site.conf} when it exists. Objects merge key by key; a
 * list in the site file replaces the default list whole.
 */
public final class AppConfig {
  public static final String BUNDLED = "epiwatch.conf";

  /** The site file used when neither --conf nor EPIWATCH_CONF names one (only if it exists). */
  public static final Path DEFAULT_SITE_FILE = Path.of("/etc/epiwatch/site.conf");

  public static final String CONF_ENV = "EPIWATCH_CONF";

  private static final ConfigResolveOptions NO_SYSTEM_ENV =
      ConfigResolveOptions.defaults().setUseSystemEnvironment(false);

  private final Config root;
  private final String warehouse;
  private final String inbox;
  private final String out;
  private final ZoneId zone;
  private final Policy policy;
  private final Map<String, SourceEncoding> encodings;
  private final Optional<Path> siteFile;

  private AppConfig(Config root, Optional<Path> siteFile) {
    this.root = root;
    this.siteFile = siteFile;
    Config c = root.getConfig("epiwatch");
    this.warehouse = c.getString("warehouse");
    this.inbox = c.getString("inbox");
    this.out = c.getString("out");
    this.zone = ZoneId.of(c.getString("time-zone"));
    this.policy = Policy.from(c.getConfig("policy"));
    this.encodings = encodings(c);
  }

  /** epiwatch.sources.<source>.encoding of every source that sets one, checked at load. */
  private static Map<String, SourceEncoding> encodings(Config c) {
    Map<String, SourceEncoding> m = new LinkedHashMap<>();
    if (!c.hasPath("sources")) return m;
    Config sources = c.getConfig("sources");
    for (String source : sources.root().keySet()) {
      String path = "epiwatch.sources." + source + ".encoding";
      String key = "\"" + source + "\".encoding";
      if (!sources.hasPath(key)) continue;
      String v = sources.getString(key);
      m.put(
          source,
          SourceEncoding.lookup(v)
              .orElseThrow(() -> Policy.illegal(path, v, Coded.codes(SourceEncoding.class))));
    }
    return m;
  }

  /**
   * Loads the defaults with the site file (--conf FILE, or null to look further) and the process
   * environment.
   */
  public static AppConfig load(Path conf) {
    return load(conf, System.getenv(), DEFAULT_SITE_FILE);
  }

  /**
   * Loads the layers with the given environment (injectable for tests): {@code cliConf} (may be
   * null), else {@code env[EPIWATCH_CONF]}, else {@code defaultSite} if it exists.
   */
  public static AppConfig load(Path cliConf, Map<String, String> env, Path defaultSite) {
    Optional<Path> site = siteFile(cliConf, env, defaultSite);
    Config defaults =
        ConfigFactory.parseResources(BUNDLED, ConfigParseOptions.defaults().setAllowMissing(false));
    Config siteConf =
        site.map(
                p ->
                    ConfigFactory.parseFile(
                        p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
            .orElse(ConfigFactory.empty());
    // ${?EPIWATCH_X} is looked up as a root path first, so the environment is passed as root keys
    // (no dependence on the real process environment in tests).
    Map<String, String> vars = new LinkedHashMap<>();
    env.forEach(
        (k, v) -> {
          if (k.matches("[A-Za-z_][A-Za-z0-9_]*")) vars.put(k, v);
        });
    Config envRoot = ConfigFactory.parseMap(vars, "environment variables");
    // The values the environment changes in the defaults win over the site file: they are the
    // difference between the defaults resolved with and without the environment.
    Config envOverrides =
        difference(
            defaults.withFallback(envRoot).resolve(NO_SYSTEM_ENV), defaults.resolve(NO_SYSTEM_ENV));
    Config merged =
        envOverrides
            .withFallback(siteConf)
            .withFallback(defaults)
            .withFallback(envRoot)
            .resolve(NO_SYSTEM_ENV);
    return new AppConfig(merged, site);
  }

  private static Optional<Path> siteFile(Path cliConf, Map<String, String> env, Path defaultSite) {
    if (cliConf != null) return Optional.of(existing(cliConf, "--conf " + cliConf));
    String fromEnv = env.get(CONF_ENV);
    if (fromEnv != null && !fromEnv.isBlank())
      return Optional.of(existing(Path.of(fromEnv), CONF_ENV + "=" + fromEnv));
    return defaultSite != null && Files.isRegularFile(defaultSite)
        ? Optional.of(defaultSite)
        : Optional.empty();
  }

  private static Path existing(Path p, String setting) {
    if (!Files.isRegularFile(p))
      throw new IllegalArgumentException(
          setting + ": no such file (a site file of settings to change)");
    if (!Files.isReadable(p))
      throw new IllegalArgumentException(
          setting + ": not readable by " + System.getProperty("user.name"));
    return p;
  }

  /** The leaf values of {@code a} under "epiwatch" that {@code b} lacks or holds differently. */
  private static Config difference(Config a, Config b) {
    Config d = ConfigFactory.empty();
    for (Map.Entry<String, ConfigValue> e : a.entrySet()) {
      String path = e.getKey();
      if (!path.startsWith("epiwatch.")) continue;
      if (!b.hasPath(path) || !b.getValue(path).unwrapped().equals(e.getValue().unwrapped()))
        d = d.withValue(path, e.getValue());
    }
    return d;
  }

  /** For tests: HOCON text layered over the bundled defaults. */
  public static AppConfig fromString(String hocon) {
    Config base = ConfigFactory.parseResources(BUNDLED);
    return new AppConfig(
        ConfigFactory.parseString(hocon)
            .withFallback(base)
            .resolve(ConfigResolveOptions.defaults()),
        Optional.empty());
  }

  /** A copy with some paths overridden (command-line options win over the file). */
  public AppConfig withPaths(String warehouse, String inbox, String out) {
    Config c = root;
    if (warehouse != null)
      c =
          c.withValue(
              "epiwatch.warehouse", com.typesafe.config.ConfigValueFactory.fromAnyRef(warehouse));
    if (inbox != null)
      c = c.withValue("epiwatch.inbox", com.typesafe.config.ConfigValueFactory.fromAnyRef(inbox));
    if (out != null)
      c = c.withValue("epiwatch.out", com.typesafe.config.ConfigValueFactory.fromAnyRef(out));
    return new AppConfig(c, siteFile);
  }

  public String warehouse() {
    return warehouse;
  }

  public String inbox() {
    return inbox;
  }

  public String out() {
    return out;
  }

  public ZoneId zone() {
    return zone;
  }

  public Policy policy() {
    return policy;
  }

  /** The site file layered over the defaults, if any. */
  public Optional<Path> siteFile() {
    return siteFile;
  }

  /** The person-key HMAC of the configured secret (epiwatch.secret; docs/rules.md §1.8). */
  public io.epiwatch.common.PersonKeys personKeys() {
    return io.epiwatch.common.PersonKeys.fromSettings(
        secretValue(), secretFile(), allowDemoSecret());
  }

  public String sparkMaster() {
    return root.getString("epiwatch.spark.master");
  }

  /** epiwatch.spark.event-log-dir: where Spark event logs go; empty = no event log. */
  public Optional<String> eventLogDir() {
    return opt("epiwatch.spark.event-log-dir");
  }

  /**
   * epiwatch.notify.command: run with the path of signals-D.json when a run finds new case signals;
   * empty = none.
   */
  public Optional<String> notifyCommand() {
    return opt("epiwatch.notify.command");
  }

  /** Extra Spark settings from epiwatch.spark.conf. */
  public Map<String, String> sparkConf() {
    Map<String, String> m = new LinkedHashMap<>();
    Config sc = root.getConfig("epiwatch.spark.conf");
    sc.root().keySet().forEach(k -> m.put(k, sc.getString("\"" + k + "\"")));
    return m;
  }

  /**
   * Configured encoding of a source: auto (the default), UTF-8, GB18030 or GBK; validated at load.
   */
  public SourceEncoding encoding(String source) {
    return encodings.getOrDefault(source, SourceEncoding.AUTO);
  }

  /**
   * epiwatch.restricted-root: the folder of restricted.* tables; empty = {@code
   * <warehouse>/restricted}.
   */
  public Optional<String> restrictedRoot() {
    return opt("epiwatch.restricted-root");
  }

  public Optional<String> secretValue() {
    return opt("epiwatch.secret.value");
  }

  public Optional<String> secretFile() {
    return opt("epiwatch.secret.file");
  }

  public boolean allowDemoSecret() {
    return root.getBoolean("epiwatch.secret.allow-demo-secret");
  }

  /** Raw access for settings a stage owns (e.g. "epiwatch.bench"). */
  public Config raw() {
    return root;
  }

  private Optional<String> opt(String path) {
    return root.hasPath(path) && !root.getString(path).isBlank()
        ? Optional.of(root.getString(path))
        : Optional.empty();
  }
}
