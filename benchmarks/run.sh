#!/usr/bin/env bash
# Builds the benchmarks and the modules they measure from this checkout (a reactor build, so the
# class path names the modules' fresh jars, not the dev.farcall snapshots in ~/.m2), then runs one
# benchmark class with the given arguments.
#
#   benchmarks/run.sh <main class> [arguments...]
#   benchmarks/run.sh dev.farcall.benchmarks.analysis.AnalysisBenchmark
#   SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.e2e.EndToEndBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: benchmarks/run.sh <main class> [arguments...]" >&2
  exit 2
fi
main="$1"
shift
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/run.classpath)"
exec java -XX:+UseCountedLoopSafepoints -XX:LoopStripMiningIter=1000 ${JAVA_OPTS:--Xmx2g} \
  -cp "$cp" "$main" "$@"
