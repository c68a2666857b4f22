#!/usr/bin/env bash
# Benchmark area "dashboard": the call graph's first render in headless Chromium (commons-math3
# and the examples jar) and the p95 of the list endpoints with 10,000 recorded runs. Writes
# benchmarks/results/dashboard.json. Needs Debian's chromium and chromium-driver. Honours
# SKIP_BUILD=1 (then benchmarks/run.sh uses what the last build left).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec benchmarks/run.sh dev.farcall.benchmarks.dashboard.DashboardBenchmark \
  benchmarks/results/dashboard.json "${REPETITIONS:-5}"
