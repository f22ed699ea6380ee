#!/bin/sh
# Starts the service. JAVA_OPTS holds JVM flags (Helm: services.<name>.jvmOptions); the OpenTelemetry agent is
# attached only when an OTLP endpoint is configured.
set -eu
if [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  JAVA_TOOL_OPTIONS="-javaagent:/opt/stoa/otel/opentelemetry-javaagent.jar ${JAVA_TOOL_OPTIONS:-}"
  export JAVA_TOOL_OPTIONS
  export OTEL_SERVICE_NAME="${OTEL_SERVICE_NAME:-${STOA_SERVICE:-stoa}}"
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec java ${JAVA_OPTS:-} org.springframework.boot.loader.launch.JarLauncher "$@"
