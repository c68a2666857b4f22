#!/usr/bin/env bash
# Area "codec": encode + decode of a small (~90 B) and a large (~1 KiB) argument record through
# Farcall's MethodCodec beside Avro's GenericDatum and ReflectDatum (JMH CodecBenchmark, then its
# thread CPU times printed for information). Writes benchmarks/results/codec.json.
set -euo pipefail
exec "$(dirname "$0")/jmh.sh" codec dev.farcall.benchmarks.codec.CodecBenchmark \
  -wi 3 -w 1s -i 5 -r 1s -f 1 -prof gc
