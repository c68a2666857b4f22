#!/usr/bin/env bash
# Benchmark area "fuzz": the fuzz targets of the CI suite at benchmark volume (issue 12, item 4):
# RestFuzzTests (coordinator: JSON bodies, tunables, declarations, multipart, jar entries) and
# WorkerPayloadFuzzTests (worker: damaged Avro argument payloads, noise request records), each
# target with FUZZ_INPUTS inputs (default a million; CI runs 10,000). A pass/fail campaign, not a
# performance figure: writes benchmarks/results/fuzz.json with the inputs, the seed, the outcome
# and the wall time of each target, as surefire reported them. FUZZ_SEED replays a campaign.
set -euo pipefail
cd "$(dirname "$0")/../.."
inputs="${FUZZ_INPUTS:-1000000}"
seed="${FUZZ_SEED:-$RANDOM$RANDOM}"
load_before=$(cut -d' ' -f1 /proc/loadavg)
status=0
mvn -q -o test -pl coordinator-service,worker-service -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='RestFuzzTests,WorkerPayloadFuzzTests' \
  -Dfarcall.fuzz.inputs="$inputs" -Dfarcall.fuzz.seed="$seed" || status=$?
python3 - "$inputs" "$seed" "$load_before" "$status" <<'PY'
import datetime, glob, json, os, sys
import xml.etree.ElementTree as ET
inputs, seed, load_before, status = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
targets = []
for path in sorted(glob.glob("*/target/surefire-reports/TEST-*FuzzTests.xml")):
    for case in ET.parse(path).getroot().iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        targets.append({
            "class": case.get("classname"), "target": case.get("name"),
            "inputs": inputs, "seconds": float(case.get("time", "0")),
            "outcome": "skipped" if skipped else ("failed" if failed else "passed"),
        })
doc = {
    "area": "fuzz", "title": "Fuzz campaign at benchmark volume",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "machine": {"cpus": os.cpu_count()},
    "loadAverage": {"before": load_before, "after": os.getloadavg()[0]},
    "repetitions": 1, "seed": seed, "mavenExitStatus": status, "targets": targets,
    "notes": ["One campaign per run: each target sends its inputs once; pass/fail, not a timing."],
}
os.makedirs("benchmarks/results", exist_ok=True)
with open("benchmarks/results/fuzz.json", "w") as f:
    json.dump(doc, f, indent=2)
print(json.dumps(doc, indent=2))
PY
exit "$status"
