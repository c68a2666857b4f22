#!/usr/bin/env bash
# Runs one JMH benchmark class with JSON output and turns it into benchmarks/results/<area>.json
# (JmhResults: each measured iteration a repetition, the area's targets). Used by codec.sh,
# placement.sh and analysis.sh; SKIP_BUILD=1 reuses the last build.
#
#   benchmarks/areas/jmh.sh <area> <benchmark class> [JMH options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
area="$1"
main="$2"
shift 2
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
# JMH's own output kept under target/, so that the conversion can be re-run without measuring
work=benchmarks/target/jmh-$area
rm -rf "$work" && mkdir -p "$work"
before=$(cut -d' ' -f1 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
SKIP_BUILD=1 benchmarks/run.sh "$main" "$@" -rf json -rff "$work/jmh.json"
SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.report.JmhResults "$area" "$work/jmh.json" \
  "benchmarks/results/$area.json" "$before" "$started"
