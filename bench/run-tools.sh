#!/usr/bin/env bash
# bench/run-tools.sh — the tool dispatch benchmark (issue 10), rerunnable in one command: builds tool-router-service and
# the benchmark if needed, starts embedded PostgreSQL + Kafka and tool-router-service on 127.0.0.1, measures dispatch
# overhead at a fixed rate, the ceiling and RSS with idle SDK sockets, and writes the table into docs/benchmarks.md
# (between the tools results markers).
#
# Knobs: BENCH_RATE (calls/s, 200), BENCH_SECONDS (20), BENCH_CALLERS (32), BENCH_IDLE (1000), BENCH_PROFILE (false;
# true logs where the router and the load generator spend the paced run, from JFR), BENCH_ROUTER_JVM (the router's
# JVM options; -Xmx256m -XX:+UseZGC, the production profile's collector). The load generator runs on ZGC too, so its
# own pauses (it hosts the Kafka broker) stay out of the measured latency.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
source bench/common.sh

# Rebuild when a source of the router, the libraries it is made of or the benchmark is newer than either jar.
router_jar=$(ls tool-router-service/target/*-exec.jar 2>/dev/null | head -1 || true)
if [ -z "$router_jar" ] || [ ! -f bench/target/stoa-bench.jar ] \
   || [ -n "$(find tool-router-service libs proto bench \( -name target -o -name node_modules \) -prune \
        -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name '*.proto' -o -name pom.xml \) \
        \( -newer "$router_jar" -o -newer bench/target/stoa-bench.jar \) -print -quit)" ]; then
  echo "Building tool-router-service and the benchmark ..."
  ./mvnw -q -B -ntp -DskipTests -Dspotless.check.skip=true -pl tool-router-service,bench -am package
fi

results=bench/target/run-tools/results.md
mkdir -p bench/target/run-tools
"$JAVA_HOME/bin/java" -Xmx512m -XX:+UseZGC \
  -Dbench.root="$PWD" \
  -Dbench.rate="${BENCH_RATE:-200}" \
  -Dbench.seconds="${BENCH_SECONDS:-20}" \
  -Dbench.callers="${BENCH_CALLERS:-32}" \
  -Dbench.idle="${BENCH_IDLE:-1000}" \
  -Dbench.profile="${BENCH_PROFILE:-false}" \
  -Dbench.router.jvm="${BENCH_ROUTER_JVM:--Xmx256m -XX:+UseZGC}" \
  -Dbench.output="$results" \
  -Dloader.main=dev.stoa.bench.ToolDispatchBench \
  -cp bench/target/stoa-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher

update_results tools "$results"
