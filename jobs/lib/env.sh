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
  FLAGS_FILE="$EPIWATCH_HOME/lib/jvm-flags.txt"
  CDS_ARCHIVE="$EPIWATCH_HOME/lib/epiwatch.jsa"
else
  EPIWATCH_BUNDLE=0
  JAR="$EPIWATCH_HOME/target/epiwatch.jar"
  CP_FILE="$EPIWATCH_HOME/target/runtime-classpath.txt"
  FLAGS_FILE="$EPIWATCH_HOME/target/jvm-flags.txt"
  CDS_ARCHIVE="$EPIWATCH_HOME/target/epiwatch.jsa"
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# The JVM flags Spark needs on Java 17: one list, the pom's spark.jvm.flags, written by the build
# into target/jvm-flags.txt (lib/jvm-flags.txt in a bundle). Set here when the file exists, so
# other tools can take them: FLAGS="$(source jobs/lib/env.sh; echo "${SPARK_JVM_FLAGS[*]}")".
SPARK_JVM_FLAGS=()
epiwatch_read_jvm_flags() {
  if [[ -f "$FLAGS_FILE" ]]; then read -r -a SPARK_JVM_FLAGS < "$FLAGS_FILE" || true; fi
}
epiwatch_read_jvm_flags

epiwatch_build_if_stale() {
  if [[ "$EPIWATCH_BUNDLE" == 1 ]]; then
    if [[ ! -f "$CP_FILE" || ! -f "$FLAGS_FILE" ]]; then
      echo "epiwatch: $CP_FILE or $FLAGS_FILE is missing: this release bundle is incomplete; unpack it again" >&2
      exit 1
    fi
    return 0
  fi
  local stale=""
  if [[ ! -f "$JAR" || ! -f "$CP_FILE" || ! -f "$FLAGS_FILE" ]]; then
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

# Class-data sharing (CDS): the first run after a build archives the classes it loaded into
# target/epiwatch.jsa (lib/epiwatch.jsa in a bundle, when that folder is writable); later runs map
# the archive instead of loading and verifying some 20,000 classes from the jars again (about
# 10 s less CPU per start, docs/benchmarks.md). A stale or foreign archive (another Java build)
# is ignored by the JVM; EPIWATCH_CDS=off turns it off.
epiwatch_cds_mode() {
  if [[ "${EPIWATCH_CDS:-on}" == off ]]; then echo off
  elif [[ -f "$CDS_ARCHIVE" && "$CDS_ARCHIVE" -nt "$JAR" ]]; then echo use
  elif [[ -w "$(dirname "$CDS_ARCHIVE")" ]]; then echo create
  else echo off
  fi
}

# epiwatch_run SUBCOMMAND [ARGS...]
epiwatch_run() {
  epiwatch_build_if_stale
  epiwatch_read_jvm_flags
  local cp="$JAR:$(epiwatch_classpath)"
  local -a java=(java ${EPIWATCH_JAVA_OPTS:--Xmx6g} "${SPARK_JVM_FLAGS[@]}" -Xlog:cds*=off)
  case "$(epiwatch_cds_mode)" in
    use) exec "${java[@]}" -XX:SharedArchiveFile="$CDS_ARCHIVE" -cp "$cp" io.epiwatch.cli.Main "$@" ;;
    create)
      # Written under a name of its own and renamed when complete, so a run starting meanwhile
      # never maps half an archive.
      local tmp="$CDS_ARCHIVE.$$.tmp" rc=0
      "${java[@]}" -XX:ArchiveClassesAtExit="$tmp" -cp "$cp" io.epiwatch.cli.Main "$@" || rc=$?
      if [[ -s "$tmp" ]]; then mv -f "$tmp" "$CDS_ARCHIVE"; else rm -f "$tmp"; fi
      return "$rc" ;;
    *) exec "${java[@]}" -cp "$cp" io.epiwatch.cli.Main "$@" ;;
  esac
}
