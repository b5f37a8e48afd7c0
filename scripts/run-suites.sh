#!/usr/bin/env bash
# Runs `make test-<suite>` for every suite given, keeps going after a failure so one run
# shows every problem, then prints the per-suite status and the combined JUnit summary.
# Exit status: non-zero if any suite failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit

declare -a results=() failed=()
for suite in "$@"; do
  printf '\n\033[1m==> [%s] test-%s\033[0m\n' "$(date +%H:%M:%S)" "$suite"
  start=$SECONDS
  if make --no-print-directory "test-$suite"; then
    results+=("PASS  $suite  ($((SECONDS - start)) s)")
  else
    results+=("FAIL  $suite  ($((SECONDS - start)) s)")
    failed+=("--failed-suite" "$suite")
  fi
done

printf '\n\033[1m==> suites\033[0m\n'
printf '  %s\n' "${results[@]}"
python3 scripts/junit-summary.py "${failed[@]}" "${JUNIT_DIR:-build/reports/junit}"
summary_rc=$?
[[ ${#failed[@]} -eq 0 && $summary_rc -eq 0 ]]
