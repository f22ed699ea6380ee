#!/usr/bin/env bash
# bench/run-memory.sh — long-term memory (issue 13), rerunnable in one command: builds the benchmark when missing or
# stale, then runs MemoryBench in process on memory-service's own vector index and sentence model: recall latency at
# 100,000 facts in one scope and at 1,000 scopes of 1,000 facts, and quality on the labelled set
# (bench/src/main/resources/memory-quality.json, from bench/gen-memory-quality.py); then MemoryExtractionBench on the
# embedded default (launcher/target/stoa.jar on free ports): extraction throughput with the fake provider. Writes the
# tables into docs/benchmarks.md (memory markers).
#
# Knobs: BENCH_QUERIES (2000), BENCH_SCALE (1.0; e.g. 0.1 for a quick look at a tenth of the facts), BENCH_TURNS (500).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
source bench/common.sh

build_platform_if_stale

results=bench/target/run-memory/results.md
mkdir -p bench/target/run-memory
# A million 384-float vectors and their HNSW graph live on the heap (with the 100,000-fact index, kept: closing an
# index waits for its background merges).
"$JAVA_HOME/bin/java" -Xmx12g --add-modules jdk.incubator.vector \
  -Dbench.queries="${BENCH_QUERIES:-2000}" \
  -Dbench.scale="${BENCH_SCALE:-1.0}" \
  -Dbench.output="$results" \
  -Dloader.main=dev.stoa.bench.MemoryBench \
  -cp bench/target/stoa-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher

extraction=bench/target/run-memory-extraction/results.md
"$JAVA_HOME/bin/java" -Xmx512m \
  -Dbench.root="$PWD" \
  -Dbench.turns="${BENCH_TURNS:-500}" \
  -Dbench.output="$extraction" \
  -Dloader.main=dev.stoa.bench.MemoryExtractionBench \
  -cp bench/target/stoa-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher

{ cat "$results"; echo "### Extraction throughput"; echo; cat "$extraction"; } > bench/target/run-memory/all.md
update_results memory bench/target/run-memory/all.md
