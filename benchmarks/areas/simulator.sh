#!/usr/bin/env bash
# Area "simulator": decision quality of the adaptive policy at scale in the cluster simulator
# (SimulatorBenchmark): 10,000 sites on 256, 1,024 and 4,096 workers, five seeds, makespans of
# the cost-benefit policy against the oracle's static assignment and all-local, and the policy's
# CPU per round. Writes benchmarks/results/simulator.json. Run from the repository root;
# SKIP_BUILD=1 reuses the last build. SEEDS, SITES and WORKERS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
before=$(python3 -c 'import os; print(round(os.getloadavg()[0], 2))')
JAVA_OPTS="${JAVA_OPTS:--Xmx4g}" SKIP_BUILD=1 benchmarks/run.sh \
  dev.farcall.benchmarks.adaptive.SimulatorBenchmark "$work/runs.jsonl" \
  "${SEEDS:-5}" "${SITES:-10000}" "${WORKERS:-256,1024,4096}"
python3 - "$work" "$before" "${SITES:-10000}" <<'PY'
import json
import statistics
import sys

sys.path.insert(0, "benchmarks/areas")
import results

work, before = sys.argv[1], float(sys.argv[2])
rows = [json.loads(line) for line in open(f"{work}/runs.jsonl")]
by = {}
for r in rows:
    by[(r["workers"], r["seed"], r["strategy"])] = r
workers = sorted({r["workers"] for r in rows})
seeds = sorted({r["seed"] for r in rows})
sites = int(sys.argv[3])


def ratio(w, a, b):
    return [by[(w, s, a)]["makespanNanos"] / by[(w, s, b)]["makespanNanos"] for s in seeds]


figures = []
series = {name: [] for name in ["all-local", "all-remote", "oracle", "cost-benefit", "adaptive-uncapped"]}
for w in workers:
    label = f"{sites:,} sites, {w:,} workers"
    figures.append(results.figure(
        f"makespan, adaptive ÷ oracle, {label}", "ratio", False, ratio(w, "cost-benefit", "oracle"),
        target=("reference: within 10% of the oracle (1.10), the adaptive benchmark's target per program",
                lambda m: m <= 1.10),
        ratios={"adaptive ÷ all-local": statistics.median(ratio(w, "cost-benefit", "all-local")),
                "all-remote ÷ oracle": statistics.median(ratio(w, "all-remote", "oracle"))},
        note="cost-benefit policy with default tunables (flip cap 100 per second)"))
    figures.append(results.figure(
        f"makespan, adaptive ÷ all-local, {label}", "ratio", False, ratio(w, "cost-benefit", "all-local"),
        target=("never more than 5% slower than all-local (1.05)", lambda m: m <= 1.05)))
    figures.append(results.figure(
        f"makespan, adaptive with flip cap 10,000/s ÷ oracle, {label}", "ratio", False,
        ratio(w, "adaptive-uncapped", "oracle"),
        note="the same policy with maxFlipsPerSecond=10000: what the default cap costs a program"
        " whose thousands of heavy sites all want to move"))
    figures.append(results.figure(
        f"makespan, oracle ÷ lower bound of every static assignment, {label}", "ratio", False,
        [by[(w, s, "oracle")]["makespanNanos"] / by[(w, s, "oracle")]["lowerBoundNanos"] for s in seeds],
        note="a ceiling on how far the oracle is from the best static assignment"))
    figures.append(results.figure(
        f"policy CPU per round, {label}", "µs", False,
        [by[(w, s, "cost-benefit")]["policyCpuMedianNanos"] / 1e3 for s in seeds],
        target=("under 1 ms per round (1,000 µs)", lambda m: m < 1000),
        note="each repetition: the median over the run's rounds of the thread CPU time of decide()"))
    figures.append(results.figure(
        f"policy CPU ÷ home CPU capacity over the run, {label}", "%", False,
        [100 * by[(w, s, "cost-benefit")]["policyCpuTotalNanos"]
         / (16 * by[(w, s, "cost-benefit")]["makespanNanos"]) for s in seeds],
        target=("policy overhead at most 2% of the run's CPU", lambda m: m <= 2),
        note="all rounds' decide() CPU over 16 home cores × the simulated makespan"))
    figures.append(results.figure(
        f"simulation wall time of one adaptive run, {label}", "s", False,
        [by[(w, s, "cost-benefit")]["simulationNanos"] / 1e9 for s in seeds],
        note="information: how long the simulator takes for 10,000 sites"))
    for name in series:
        series[name].append([w, statistics.median(by[(w, s, name)]["makespanNanos"] / 1e9 for s in seeds)])
results.write(
    "benchmarks/results/simulator.json",
    "simulator",
    "Cluster simulator: the adaptive policy at 10,000 sites against the oracle and all-local",
    before,
    [
        "Workloads.mixed: 10,000 long-lived sites starting within the first 10 s (85% fine-grained,"
        " 6% medium, 4% heavy, 3% turning heavy midway, 2% pinned or fixed); home of 16 cores,"
        " workers of 4 slots, 500 µs round trip, 300 µs dispatch, 10 Gb/s link, 20 µs of home CPU"
        " per remote call",
        "one repetition per seed 1-5: each seed is another program and trace; every strategy of a"
        " seed runs the same trace; simulated makespans are deterministic",
        "oracle: the best static assignment under the fluid lower bound (Oracle.of), simulated;"
        " the lower bound holds for every static assignment",
        "all-local uses no worker and is simulated once per seed",
    ],
    figures,
    series=[{"name": f"makespan, {name}", "unit": "s", "points": points} for name, points in series.items()],
)
print(open("benchmarks/results/simulator.json").read())
PY
