# Shared by every jobs/ script: finds the application and runs the CLI with the JVM flags Spark
# needs on Java 17. (jobs/bench, a developer tool, uses its flags and runs its own main.)
# - In a release bundle (lib/epiwatch.jar and no pom.xml: target/epiwatch-<version>-bin.tar.gz
#   unpacked) nothing is ever built: the jar and lib/classpath.txt are used as shipped.
# - In a checkout (developers) the jar is built on first use, and again when it is older than
#   pom.xml, src/main, reports/ or the shipped defaults conf/epiwatch.conf (bundled into the jar).
#   Site files (--conf, EPIWATCH_CONF, /etc/epiwatch/site.conf) are read at run time and never
#   cause a build.
# Environment: EPIWATCH_JAVA_OPTS (extra JVM options, e.g. -Xmx8g), JAVA_HOME.
set -euo pipefail
EPIWATCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -f "$EPIWATCH_HOME/lib/epiwatch.jar" && ! -f "$EPIWATCH_HOME/pom.xml" ]]; then
  EPIWATCH_BUNDLE=1
  JAR="$EPIWATCH_HOME/lib/epiwatch.jar"
  CP_FILE="$EPIWATCH_HOME/lib/classpath.txt"
else
  EPIWATCH_BUNDLE=0
  JAR="$EPIWATCH_HOME/target/epiwatch.jar"
  CP_FILE="$EPIWATCH_HOME/target/runtime-classpath.txt"
fi
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
  if [[ "$EPIWATCH_BUNDLE" == 1 ]]; then
    if [[ ! -f "$CP_FILE" ]]; then
      echo "epiwatch: $CP_FILE is missing: this release bundle is incomplete; unpack it again" >&2
      exit 1
    fi
    return 0
  fi
  local stale=""
  if [[ ! -f "$JAR" || ! -f "$CP_FILE" ]]; then
    stale="missing"
  elif [[ -n "$(find "$EPIWATCH_HOME/pom.xml" "$EPIWATCH_HOME/src/main" "$EPIWATCH_HOME/reports" "$EPIWATCH_HOME/conf/epiwatch.conf" \
                  -newer "$JAR" -type f 2>/dev/null | head -n 1)" ]]; then
    stale="older than the sources"
  fi
  if [[ -n "$stale" ]]; then
    echo "epiwatch: building the application jar ($stale)..." >&2
    # The release bundle is built by 'mvn package' (or verify), not on a developer's first use.
    (cd "$EPIWATCH_HOME" && mvn -q -B -DskipTests -Dassembly.skipAssembly=true package >&2)
  fi
}

# The runtime classpath: Maven's absolute paths in a checkout; lib/<jar> paths in a bundle.
epiwatch_classpath() {
  if [[ "$EPIWATCH_BUNDLE" == 1 ]]; then
    local entry cp=""
    local -a entries
    IFS=: read -r -a entries < "$CP_FILE" || true  # no final newline: read says EOF
    for entry in "${entries[@]}"; do cp+=":$EPIWATCH_HOME/$entry"; done
    printf '%s' "${cp#:}"
  else
    cat "$CP_FILE"
  fi
}

# epiwatch_run SUBCOMMAND [ARGS...]
epiwatch_run() {
  epiwatch_build_if_stale
  local cp="$JAR:$(epiwatch_classpath)"
  # shellcheck disable=SC2086
  exec java ${EPIWATCH_JAVA_OPTS:--Xmx6g} "${SPARK_JVM_FLAGS[@]}" \
    -cp "$cp" io.epiwatch.cli.Main "$@"
}
