#!/usr/bin/env bash
# Area "analysis": static analysis of the whole commons-math3 3.6.1 jar (JMH AnalysisBenchmark:
# 1 fork, 5 measured iterations, GC profiler; then thread CPU time printed for information).
# Writes benchmarks/results/analysis.json.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" analysis dev.farcall.benchmarks.analysis.AnalysisBenchmark
