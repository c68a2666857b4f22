#!/usr/bin/env bash
# Area "policy": one decision round of the adaptive policy over 10,000 sites (JMH
# AdaptivePolicyBenchmark), in a running program's everyday state and with every site wanting to
# flip. Writes benchmarks/results/policy.json. Run from the repository root; SKIP_BUILD=1 reuses
# the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
before=$(python3 -c 'import os; print(round(os.getloadavg()[0], 2))')
SKIP_BUILD=1 benchmarks/run.sh dev.farcall.benchmarks.adaptive.AdaptivePolicyBenchmark \
  -rf json -rff "$work/jmh.json" -prof gc | tee "$work/out.txt"
python3 - "$work" "$before" <<'PY'
import json
import re
import sys

sys.path.insert(0, "benchmarks/areas")
import results

work, before = sys.argv[1], float(sys.argv[2])
runs = json.load(open(f"{work}/jmh.json"))
figures = []
for run in runs:
    scenario = run["params"]["scenario"]
    sites = int(run["params"]["sites"])
    wall = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
    alloc = run["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
    figures.append(
        results.figure(
            f"decision round, {sites:,} sites, {scenario} (wall clock)",
            "µs",
            False,
            wall,
            target=("under 1 ms (1,000 µs)", lambda m: m < 1000),
            note=f"JMH average time per round of each measured iteration;"
            f" {alloc:,.0f} bytes allocated per round" if alloc else None,
        )
    )
cpu = {}
for line in open(f"{work}/out.txt"):
    m = re.match(r"cpu-per-round (\w+) (\d+) sites repetition \d+: median ([\d.]+) us", line)
    if m:
        cpu.setdefault(m.group(1), []).append(float(m.group(3)))
for scenario, repetitions in cpu.items():
    figures.append(
        results.figure(
            f"decision round, 10,000 sites, {scenario} (thread CPU)",
            "µs",
            False,
            repetitions,
            target=("under 1 ms (1,000 µs)", lambda m: m < 1000),
            note="each repetition: the median thread CPU time of 200 rounds after 2,000 warm-up"
            " rounds, in the runner's JVM",
        )
    )
results.write(
    "benchmarks/results/policy.json",
    "policy",
    "Adaptive policy: one decision round over 10,000 sites",
    before,
    [
        "cost-benefit policy with default tunables; steady: the simulator's 10,000-site mix after"
        " 60 rounds (almost nothing flips); turbulent: every movable site wants to go remote from a"
        " fresh state (9,800 candidates, the cap takes 100)",
        "wall-clock figures are JMH iterations (1 fork, 5 warm-up and 10 measured iterations of"
        " 1 s); on a shared machine they stretch with the load, thread CPU does not",
    ],
    figures,
)
print(open("benchmarks/results/policy.json").read())
PY
