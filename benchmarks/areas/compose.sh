#!/usr/bin/env bash
# Benchmark area "compose": the repository's docker-compose.yml run with podman-compose; pipelined
# no-op invocations with 1, 2 and 4 worker containers, and the time from `up` to 3 workers ALIVE.
# Writes benchmarks/results/compose.json. Needs podman and podman-compose (as .ci/run installs
# them) and root for the local base image. SKIP_BUILD=1 reuses the jars and images already built.
#
#   benchmarks/areas/compose.sh [repetitions]     # default 5
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
  deploy/build-images.sh --local-base --test-images
fi
# idle HTTP connections dropped before the coordinator closes them (POSTs are not retried)
JAVA_OPTS="${JAVA_OPTS:--Xmx2g} -Djdk.httpclient.keepalive.timeout=5" SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.compose.ComposeBenchmark "$@" \
  --out benchmarks/results/compose.json
