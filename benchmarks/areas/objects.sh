#!/usr/bin/env bash
# Area "objects" (issue 11): calls to remote counter objects through Farcall and through Java
# RMI's remote objects (1 caller on 1 object, 8 callers on 8 objects), with the raw Kafka
# request/reply floor, each system alone in its own JVMs, in a rotated order per repetition.
# Writes benchmarks/results/objects.json. Arguments: [repetitions] [measured seconds per case].
set -euo pipefail
cd "$(dirname "$0")/../.."
exec benchmarks/run.sh dev.farcall.benchmarks.objects.ObjectsBenchmark "${1:-5}" "${2:-5}"
