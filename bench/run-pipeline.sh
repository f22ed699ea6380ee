#!/usr/bin/env bash
# bench/run-pipeline.sh — the event pipeline's visibility (issue 12), rerunnable in one command: builds what is missing,
# starts the embedded default (launcher/target/stoa.jar) on free ports with a fresh home, runs chat turns at a steady
# rate through the gateway against a fake provider, and reads from monitoring-service's
# stoa.monitoring.event.visibility histogram how long each event took from its write in the source's transaction to
# its effect in the cost ledger (p50, p99). Writes the table into docs/benchmarks.md (pipeline markers).
#
# Knobs: BENCH_RATE (10 turns/s), BENCH_SECONDS (60).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
source bench/common.sh

build_platform_if_stale

results=bench/target/run-pipeline/results.md
mkdir -p bench/target/run-pipeline
"$JAVA_HOME/bin/java" -Xmx512m \
  -Dbench.root="$PWD" \
  -Dbench.rate="${BENCH_RATE:-10}" \
  -Dbench.seconds="${BENCH_SECONDS:-60}" \
  -Dbench.output="$results" \
  -Dloader.main=dev.stoa.bench.PipelineBench \
  -cp bench/target/stoa-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher

update_results pipeline "$results"
