#!/usr/bin/env bash
# bench/run-chat.sh — the chat benchmark (issue 9), rerunnable in one command: installs Portkey if needed, builds what is
# missing, starts the embedded default (launcher/target/stoa.jar) on free ports with a fresh home, and measures, against
# a fake provider streaming a fixed reply after a fixed first-token delay: time to first token direct / through Stoa /
# through Portkey at 50 concurrent streams, the turn-throughput ceiling (with a JFR profile of chat-service), and RSS
# with 500 streams open at once. Writes the table into docs/benchmarks.md (between the chat results markers).
#
# Knobs: BENCH_STREAMS (50), BENCH_SECONDS (20), BENCH_WARMUP (15), BENCH_TTFT_MS (100), BENCH_TOKENS (20),
#        BENCH_OPEN (500), BENCH_CEILING_STREAMS (64).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
source bench/common.sh

install_portkey

build_platform_if_stale

results=bench/target/run-chat/results.md
mkdir -p bench/target/run-chat
"$JAVA_HOME/bin/java" -Xmx1g \
  -Dbench.root="$PWD" \
  -Dbench.streams="${BENCH_STREAMS:-50}" \
  -Dbench.seconds="${BENCH_SECONDS:-20}" \
  -Dbench.warmup="${BENCH_WARMUP:-15}" \
  -Dbench.ttftMs="${BENCH_TTFT_MS:-100}" \
  -Dbench.tokens="${BENCH_TOKENS:-20}" \
  -Dbench.open="${BENCH_OPEN:-500}" \
  -Dbench.ceilingStreams="${BENCH_CEILING_STREAMS:-64}" \
  -Dbench.output="$results" \
  -Dloader.main=dev.stoa.bench.ChatBench \
  -cp bench/target/stoa-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher

update_results chat "$results"
