#!/usr/bin/env bash
# bench/run.sh — the gateway benchmark, rerunnable in one command: installs wrk and Portkey if needed, builds what is
# missing, starts PostgreSQL + Kafka (embedded), identity-service, the gateway, a trivial upstream and Portkey on
# 127.0.0.1, runs wrk at each concurrency and writes the table into docs/benchmarks.md (between the results markers).
#
# Knobs: BENCH_SECONDS (per measured run, 15), BENCH_WARMUP (8), BENCH_CONCURRENCY ("1,64"),
#        BENCH_GATEWAY_JVM_OPTS (extra gateway JVM flags, e.g. "-XX:StartFlightRecording=filename=bench/target/run/gw.jfr").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
source bench/common.sh

if ! command -v wrk >/dev/null; then
  echo "Installing wrk ..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

install_portkey

if ! ls identity-service/target/*-exec.jar gateway/target/*-exec.jar >/dev/null 2>&1; then
  echo "Building identity-service and the gateway ..."
  ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl identity-service,gateway,bench -am package
elif [ ! -f bench/target/stoa-bench.jar ] || [ -n "$(find bench/src bench/pom.xml -newer bench/target/stoa-bench.jar -print -quit)" ]; then
  echo "Building the benchmark ..."
  ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl bench package
fi

results=bench/target/run/results.md
mkdir -p bench/target/run
"$JAVA_HOME/bin/java" -Xmx512m \
  -Dbench.root="$PWD" \
  -Dbench.seconds="${BENCH_SECONDS:-15}" \
  -Dbench.warmup="${BENCH_WARMUP:-8}" \
  -Dbench.concurrency="${BENCH_CONCURRENCY:-1,64}" \
  -Dbench.jvmOpts="${BENCH_GATEWAY_JVM_OPTS:-}" \
  -Dbench.output="$results" \
  -jar bench/target/stoa-bench.jar

update_results results "$results"
