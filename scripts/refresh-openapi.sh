#!/usr/bin/env bash
# Rewrites docs/openapi.json from a freshly started platform's /openapi.json (ApiContractEndToEndIT with
# -Dstoa.openapi.update=true), after an intended API change. Review the diff and commit it; the next build lints it
# and generates the test client from it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
./mvnw -B -ntp -pl launcher -am verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ApiContractEndToEndIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dstoa.openapi.update=true
git --no-pager diff --stat -- docs/openapi.json
