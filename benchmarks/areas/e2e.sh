#!/usr/bin/env bash
# Area "e2e" (issue 12): remote no-op invocation through Farcall (the coordinator's CallDispatcher,
# two workers) beside raw Kafka request/reply (its floor), Java RMI and Hazelcast's executor. Each
# system is measured alone: one EndToEndBenchmark JVM per system (--only=<system>), one after the
# other, so no other system's broker, services or JVMs live during its phase. EndToEndResults then
# joins the parts and adds the ratios the targets are about. Writes benchmarks/results/e2e.json.
#
#   benchmarks/areas/e2e.sh [repetitions] [systems]   # default 5, kafka,farcall,rmi,hazelcast
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
reps="${1:-5}"
systems="${2:-kafka,farcall,rmi,hazelcast}"
# kept under target/ so that the join can be re-run without measuring again
work=benchmarks/target/e2e-parts
rm -rf "$work" && mkdir -p "$work"
parts=()
for system in ${systems//,/ }; do
  started=$SECONDS
  SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.e2e.EndToEndBenchmark "$reps" \
    --only="$system" --json="$work/$system.json"
  echo "e2e: $system took $((SECONDS - started)) s"
  parts+=("$work/$system.json")
done
SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.e2e.EndToEndResults \
  benchmarks/results/e2e.json "${parts[@]}"
