#!/usr/bin/env bash
# test-compose: brings the local stack up (scripts/stack.sh fresh: any leftover stack of its
# project removed, then build, start, wait until healthy), runs the black-box pytest suite of
# this folder against it (JUnit XML in $JUNIT_DIR/compose/), and always takes the stack down
# again with its volumes.
# Fails loudly when docker is not usable: this suite never passes without running.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
source scripts/tools/lib.sh
junit_dir=$(junit_dir_of compose)

# A project of its own: the closing `down -v` must never delete a developer's `make stack-up` data.
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-users-api}-test"
venv=$(ensure_venv compose-tests "$here/requirements.txt")
# the compose command the stack runs with (COMPOSE_COMMAND), for the tests that resolve the bench's compose files
resolve_compose
timings=$(mktemp)
trap 'log "taking the stack down"; scripts/stack.sh down >/dev/null 2>&1 || log "stack down failed"; rm -f "$timings"' EXIT

STACK_TIMINGS_FILE="$timings" scripts/stack.sh fresh
set -a
# shellcheck source=/dev/null
source "$timings"
set +a
API_URL="http://localhost:${API_PORT:-8000}" API_IMAGE="users-api:local" \
  "$venv/bin/python" -m pytest "$here" -o junit_family=legacy -p no:cacheprovider \
  --junitxml="$junit_dir/pytest.xml" -v -rA || { scripts/stack.sh logs; exit 1; }
