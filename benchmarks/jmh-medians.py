#!/usr/bin/env python3
"""Prints the median of the measured JMH iterations of each benchmark in a JMH console log.

JMH's own score is the mean of the iterations; on a loaded shared machine one stalled iteration
moves it a lot. For the report, JmhResults takes the same medians from JMH's JSON output
(benchmarks/areas/jmh.sh); this reads a saved console log. Usage: benchmarks/jmh-medians.py < jmh-output.log
"""
import re
import statistics
import sys

name, params, values = None, "", {}
for line in sys.stdin:
    m = re.match(r"# Benchmark: \S+\.(\w+\.\w+)", line)
    if m:
        name, params = m.group(1), ""
    m = re.match(r"# Parameters: \((.*)\)", line)
    if m:
        params = m.group(1)
    m = re.match(r"Iteration\s+\d+: ([\d.]+) (\S+)", line)
    if m:
        values.setdefault((name, params, m.group(2)), []).append(float(m.group(1)))
for (bench, p, unit), v in values.items():
    print(f"{bench} {p:40s} median {statistics.median(v):12.3f} {unit}   iterations {v}")
