#!/usr/bin/env bash
# Executes notebooks/api-walkthrough.ipynb headless (pytest + nbclient: one JUnit test case per
# code cell, plus checks of the committed file) and keeps the executed copy for people to read.
#
#   notebooks/run.sh           against BASE_URL (default http://localhost:8000), which must be up:
#                              the compose stack, a `make run-local`, the ALB of a deployment
#   notebooks/run.sh --stack   brings the local compose stack up first (make stack-up, in a compose
#                              project of its own) and always takes it down again, even on failure
#
# Writes build/reports/notebook/{api-walkthrough.ipynb,api-walkthrough.html,cache-latency.png} and
# JUnit XML in $JUNIT_DIR/notebook/. Exit status: non-zero if any cell or check failed, or if the
# stack could not start (docker unusable fails loudly: this suite never passes without running).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/tools/lib.sh
source scripts/tools/lib.sh  # log, die

with_stack=0
case "${1:-}" in
  --stack) with_stack=1 ;;
  "") ;;
  *) die "usage: $0 [--stack]" ;;
esac

report_dir="${NOTEBOOK_REPORT_DIR:-${REPORTS_DIR:-$PWD/build/reports}/notebook}"
junit_dir=$(junit_dir_of notebook)
rm -rf "$report_dir"
mkdir -p "$report_dir"
venv=$(scripts/tools/notebook.sh)

if ((with_stack)); then
  [[ -f docker-compose.yml ]] || die "docker-compose.yml is not in this tree: the notebook suite needs the compose stack"
  docker info >/dev/null 2>&1 \
    || die "docker is not usable here (\`docker info\` failed): the notebook suite runs against the compose stack"
  # A project of its own: the closing `down -v` must never delete a developer's `make stack-up` data.
  export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-users-api}-notebook"
  trap 'log "taking the stack down"; make --no-print-directory stack-down >/dev/null 2>&1 || log "stack down failed"' EXIT
  start=$SECONDS
  make --no-print-directory stack-up
  log "stack up in $((SECONDS - start)) s"
  export BASE_URL="http://localhost:${API_PORT:-8000}"
fi
export BASE_URL="${BASE_URL:-http://localhost:8000}"

log "running notebooks/api-walkthrough.ipynb against $BASE_URL"
start=$SECONDS
rc=0
NOTEBOOK_REPORT_DIR="$report_dir" "$venv/bin/python" -m pytest notebooks/tests -p no:cacheprovider \
  -o junit_family=legacy -o junit_suite_name=notebook -v -rfEs \
  --junitxml="$junit_dir/api-walkthrough.xml" || rc=$?
log "notebook run took $((SECONDS - start)) s (exit $rc)"

if [[ -f "$report_dir/api-walkthrough.ipynb" ]]; then
  "$venv/bin/jupyter" nbconvert --to html --log-level WARN "$report_dir/api-walkthrough.ipynb" \
    || log "could not render the executed notebook as HTML (the .ipynb is there)"
  log "executed notebook: $report_dir/api-walkthrough.{ipynb,html}"
fi
if ((rc != 0 && with_stack)); then
  scripts/stack.sh logs || true
fi
exit "$rc"
