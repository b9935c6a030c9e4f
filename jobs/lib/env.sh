# Shared by every jobs/ script: finds the project, builds the jar when it is missing or older
# than the sources, and runs the CLI with the JVM flags Spark needs on Java 17. The bench
# subcommand alone also gets the DuckDB driver (test scope, never in the application jar),
# listed by Maven in target/bench-classpath.txt.
# Environment: EPIWATCH_JAVA_OPTS (extra JVM options, e.g. -Xmx8g), JAVA_HOME.
set -euo pipefail
EPIWATCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$EPIWATCH_HOME/target/epiwatch.jar"
CP_FILE="$EPIWATCH_HOME/target/runtime-classpath.txt"
BENCH_CP_FILE="$EPIWATCH_HOME/target/bench-classpath.txt"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true
  -Djava.awt.headless=true -Dfile.encoding=UTF-8)

epiwatch_build_if_stale() {
  local stale=""
  if [[ ! -f "$JAR" || ! -f "$CP_FILE" ]]; then
    stale="missing"
  elif [[ -n "$(find "$EPIWATCH_HOME/pom.xml" "$EPIWATCH_HOME/src/main" "$EPIWATCH_HOME/reports" "$EPIWATCH_HOME/conf" \
                  -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]]; then
    stale="older than the sources"
  fi
  if [[ -n "$stale" ]]; then
    echo "epiwatch: building the application jar ($stale)..." >&2
    (cd "$EPIWATCH_HOME" && mvn -q -B -DskipTests package >&2)
  fi
}

# epiwatch_run SUBCOMMAND [ARGS...]
epiwatch_run() {
  epiwatch_build_if_stale
  local cp="$JAR:$(cat "$CP_FILE")"
  # The DuckDB peer of the benchmark (bench/DuckDbPeer) needs the driver; no other job does.
  if [[ "${1:-}" == "bench" && -f "$BENCH_CP_FILE" ]]; then
    cp="$cp:$(cat "$BENCH_CP_FILE")"
  fi
  # shellcheck disable=SC2086
  exec java ${EPIWATCH_JAVA_OPTS:--Xmx6g} "${SPARK_JVM_FLAGS[@]}" \
    -cp "$cp" io.epiwatch.cli.Main "$@"
}
