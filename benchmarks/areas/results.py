"""Writes an area's benchmarks/results/<area>.json in the shared results convention.

Imported by the area runners written in Python (policy.sh and simulator.sh run their summaries
through it): machine facts, load averages, and figures with median, min and max of their
repetitions.
"""
import datetime
import json
import os
import platform
import statistics
import subprocess


def load_average():
    return round(os.getloadavg()[0], 2)


def machine():
    with open("/proc/meminfo") as f:
        kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "cpus": os.cpu_count(),
        "memoryGiB": round(kib / 1024 / 1024, 1),
        "java": java[0] if java else "unknown",
        "os": platform.platform(),
    }


def figure(name, unit, higher_is_better, repetitions, target=None, ratios=None, note=None):
    if len(repetitions) < 5:
        raise ValueError(f"{name}: {len(repetitions)} repetitions, at least 5 needed")
    result = {
        "name": name,
        "unit": unit,
        "higherIsBetter": higher_is_better,
        "repetitions": repetitions,
        "median": statistics.median(repetitions),
        "min": min(repetitions),
        "max": max(repetitions),
    }
    if target is not None:
        description, met = target
        result["target"] = {"description": description, "met": met(result["median"])}
    if ratios:
        result["ratios"] = ratios
    if note:
        result["note"] = note
    return result


def write(path, area, title, load_before, notes, figures, series=None):
    document = {
        "area": area,
        "title": title,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "loadAverage": {"before": load_before, "after": load_average()},
        "notes": notes,
        "figures": figures,
    }
    if series:
        document["series"] = series
    with open(path, "w") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")
