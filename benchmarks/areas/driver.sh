#!/usr/bin/env bash
# Area "driver" (issue 13): a run's start-up to its first output with and without the driver's
# CDS archive, and whole programs with every call LOCAL against plain java in its own JVM.
# Writes benchmarks/results/driver.json. Arguments: [start-ups per setting] [repetitions].
set -euo pipefail
cd "$(dirname "$0")/../.."
exec benchmarks/run.sh dev.farcall.benchmarks.driver.DriverBenchmark "${1:-20}" "${2:-5}"
