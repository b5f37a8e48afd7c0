#!/usr/bin/env bash
# test-fault: brings the compose stack up in a project of its own (users-api-fault, API on
# 127.0.0.1:18100, management on 127.0.0.1:18101), runs the fault and fuzz tests of this folder
# against it (JUnit XML in $JUNIT_DIR/fault/), and always takes the stack down with its volumes.
# The tests stop, kill and restart the stack's containers; they only ever talk to localhost.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
# shellcheck source=scripts/tools/lib.sh
source scripts/tools/lib.sh
junit_dir=$(junit_dir_of fault)

[[ -f docker-compose.yml ]] || die "docker-compose.yml not found: the compose stack is not on this branch"
export COMPOSE_PROJECT_NAME="${FAULT_PROJECT:-users-api-fault}"
export API_PORT="${FAULT_API_PORT:-18100}" MANAGEMENT_HOST_PORT="${FAULT_MANAGEMENT_PORT:-18101}"
export COMPOSE_FILE="docker-compose.yml:tests/fault/compose.override.yml"
resolve_compose  # exports COMPOSE_COMMAND, which conftest.py runs
venv=$(ensure_venv fault-tests "$here/requirements.txt")
trap 'log "taking the fault stack down"; scripts/stack.sh down >/dev/null 2>&1 || log "stack down failed"' EXIT

start=$SECONDS
scripts/stack.sh fresh  # the tests count every user the API lists: never adopt a leftover stack
API_URL="http://127.0.0.1:$API_PORT" MANAGEMENT_URL="http://127.0.0.1:$MANAGEMENT_HOST_PORT" \
SCHEMATHESIS="$venv/bin/st" FAULT_REPORT_DIR="$junit_dir" \
  timeout --kill-after=10 "${FAULT_TIMEOUT:-900}" \
  "$venv/bin/python" -m pytest "$here" -o junit_family=legacy -p no:cacheprovider \
  --junitxml="$junit_dir/pytest.xml" -v -rA || { scripts/stack.sh logs; exit 1; }
log "fault suite took $((SECONDS - start)) s"
