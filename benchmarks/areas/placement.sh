#!/usr/bin/env bash
# Area "placement": greedy and min-cut placement of synthetic programs of 1,000 and 10,000 methods
# (JMH PlacementBenchmark: 1 fork, 5 measured iterations, GC profiler; then thread CPU times
# printed for information). Writes benchmarks/results/placement.json.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" placement dev.farcall.benchmarks.placement.PlacementBenchmark
