#!/usr/bin/env python3
"""Prints the figures of benchmarks/results/*.json (written by the area scripts) as Markdown tables:
one per area, with its date, machine load and notes, each figure's median of its repetitions, min,
max and target. Usage: python3 benchmarks/areas/tables.py [area ...] >> a Markdown file."""
import json
import pathlib
import sys

RESULTS = pathlib.Path(__file__).resolve().parent.parent / "results"


def fmt(value):
    """Three decimals under 1, two under 10 (ratios), one above (times, rates)."""
    if not isinstance(value, float):
        return f"{value:,}"
    if abs(value) < 1:
        return f"{value:.3f}"
    if abs(value) < 10:
        return f"{value:.2f}"
    return f"{value:,.1f}"


def table(path):
    d = json.loads(path.read_text())
    load = d.get("loadAverage", {})
    lines = [
        f"### {d['area']}: {d['title']}",
        "",
        f"Run {d['date'][:16].replace('T', ' ')} UTC on {d['machine']['cpus']} CPUs; load average "
        f"{load.get('before', 0):.1f} before, {load.get('after', 0):.1f} after. "
        f"Results file: `benchmarks/results/{path.name}`.",
        "",
    ]
    lines += [f"- {n}" for n in d.get("notes", [])]
    lines += ["", "| figure | median | min | max | reps | target |", "| --- | --- | --- | --- | --- | --- |"]
    for f in d["figures"]:
        target = f.get("target") or {}
        met = "" if not target else f"{target.get('description', '')}: {'met' if target.get('met') else 'NOT met'}"
        lines.append(
            f"| {f['name']} | {fmt(f['median'])} {f['unit']} | {fmt(f['min'])} | {fmt(f['max'])} "
            f"| {len(f['repetitions'])} | {met} |")
    return "\n".join(lines) + "\n"


def main(areas):
    paths = [RESULTS / f"{a}.json" for a in areas] if areas else sorted(RESULTS.glob("*.json"))
    print("\n".join(table(p) for p in paths))


if __name__ == "__main__":
    main(sys.argv[1:])
