#!/usr/bin/env bash
# Area "offload" (issue 8): a run's driver and plain java pinned to CPU 0, the broker, coordinator
# and one worker to CPU 1; the CPU-bound parallel stream and the fine-grained program under the
# default (adaptive) settings against plain java on one core. Needs 2 CPUs and taskset.
# Writes benchmarks/results/offload.json. Arguments: [repetitions].
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
SKIP_BUILD=1 exec taskset --cpu-list 1 benchmarks/run.sh \
  dev.farcall.benchmarks.driver.OffloadBenchmark "${1:-5}"
