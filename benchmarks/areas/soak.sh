#!/usr/bin/env bash
# Area "soak" (issue 12, item 7): a cluster under bounded mixed load (explicit invocations at a
# fixed pace, runs checked against plain java, uploads analysed and deleted) for a long time,
# sampled every 15 s for heap after GC, threads, file descriptors, child processes and consumer
# lag. Writes benchmarks/results/soak.json with the curves.
# Arguments: [measured minutes, 30] [windows, 6] [warm-up minutes, 2].
set -euo pipefail
cd "$(dirname "$0")/../.."
exec benchmarks/run.sh dev.farcall.benchmarks.soak.SoakBenchmark "${1:-30}" "${2:-6}" "${3:-2}"
