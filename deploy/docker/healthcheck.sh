#!/bin/bash
# Container health check without curl: healthcheck.sh <port> [path]; healthy when the actuator reports "UP".
set -eu
port="${1:?usage: healthcheck.sh <port> [path]}"
path="${2:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${path}" >&3
response="$(cat <&3)"
case "${response}" in
  "HTTP/1."[01]" 200"*'"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
