#!/usr/bin/env bash
# One-command benchmark report (issue 12): runs the recorded suite (benchmarks/areas/suite.tsv) or
# the areas named, each writing benchmarks/results/<area>.json, then regenerates BENCHMARKS.md and
# the plots in benchmarks/report/ from every results file present (ReportGenerator).
#
#   benchmarks/report.sh                 # the whole suite, then the report
#   benchmarks/report.sh codec e2e       # those areas, then the report
#   benchmarks/report.sh --no-run        # only the report, from the results files present
#
# Builds once up front (the area scripts then run with SKIP_BUILD=1). An area whose needs the
# machine lacks (podman, Chromium, 2 CPUs and taskset) is skipped with a message and its last
# results file kept. A failed area keeps its last file too; the report is still regenerated, and
# the exit status then says that something failed.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=benchmarks/areas/suite.tsv
known=$(grep -v '^#' "$suite" | cut -f1)

run=1
areas=()
for arg in "$@"; do
  case "$arg" in
    --no-run) run=0 ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      if ! grep -qx "$arg" <<<"$known"; then
        echo "report.sh: unknown area '$arg'; the suite has: $(echo $known)" >&2
        exit 2
      fi
      areas+=("$arg")
      ;;
  esac
done
if [[ $run -eq 1 && ${#areas[@]} -eq 0 ]]; then
  mapfile -t areas <<<"$known"
fi
[[ $run -eq 0 ]] && areas=()

build() {
  echo "report.sh: building the benchmarks and the modules they measure"
  mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
}

# Prints why the machine cannot run an area with these needs; nothing when it can.
missing() {
  case "$1" in
    none) ;;
    podman)
      command -v podman >/dev/null && command -v podman-compose >/dev/null \
        || echo "podman and podman-compose are not installed" ;;
    chromium)
      command -v chromium >/dev/null && command -v chromedriver >/dev/null \
        || echo "Debian's chromium and chromium-driver are not installed" ;;
    2cpus-taskset)
      [[ $(nproc) -ge 2 ]] && command -v taskset >/dev/null \
        || echo "it needs 2 CPUs and taskset (this machine: $(nproc) CPUs)" ;;
    *) echo "unknown need '$1' in $suite" ;;
  esac
}

summary=()
failed=()
if [[ ${#areas[@]} -gt 0 ]]; then
  build
  for area in "${areas[@]}"; do
    needs=$(awk -F'\t' -v a="$area" '$1 == a { print $3 }' "$suite")
    why=$(missing "$needs")
    if [[ -n "$why" ]]; then
      kept="no results file yet"
      [[ -f "benchmarks/results/$area.json" ]] && kept="keeping benchmarks/results/$area.json"
      echo "report.sh: skipping $area: $why; $kept"
      summary+=("$area: skipped ($why)")
      continue
    fi
    echo "report.sh: running $area ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))"
    started=$SECONDS
    status=0
    if [[ "$area" == compose ]]; then
      # compose builds its container images from the jars, which SKIP_BUILD would skip
      benchmarks/areas/compose.sh || status=$?
    else
      SKIP_BUILD=1 "benchmarks/areas/$area.sh" || status=$?
    fi
    took=$((SECONDS - started))
    line="$area: $((took / 60)) min $((took % 60)) s"
    if [[ $status -ne 0 ]]; then
      line="$line, FAILED (exit $status; its last results file kept)"
      failed+=("$area")
    fi
    echo "report.sh: $line"
    summary+=("$line")
  done
elif [[ ! -f benchmarks/target/run.classpath \
  || ! -f benchmarks/target/classes/dev/farcall/benchmarks/report/ReportGenerator.class ]]; then
  build
fi

JAVA_OPTS="-Xmx1g -Djava.awt.headless=true" SKIP_BUILD=1 benchmarks/run.sh \
  dev.farcall.benchmarks.report.ReportGenerator .
if [[ ${#summary[@]} -gt 0 ]]; then
  echo "report.sh: how long each area took:"
  printf '  %s\n' "${summary[@]}"
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "report.sh: failed: ${failed[*]}" >&2
  exit 1
fi
