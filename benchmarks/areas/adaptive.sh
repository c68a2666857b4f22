#!/usr/bin/env bash
# Area "adaptive" (issue 8): programs (CPU-bound parallel stream, fine-grained, phase change, mixed
# I/O) × modes (all-local, all-remote, plan without a policy, adaptive; oracle = the fastest fixed
# mode) × network (loopback, and 2 ms more per round trip between the workers and the broker
# through a delaying proxy on a second listener). Writes benchmarks/results/adaptive.json.
# Arguments: [repetitions].
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
SKIP_BUILD=1 exec benchmarks/run.sh dev.farcall.benchmarks.driver.AdaptiveBenchmark "${1:-5}"
