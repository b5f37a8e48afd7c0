#!/usr/bin/env bash
# test-bench: unit tests of the bench's own tools (bench/report.py, bench/compare.py,
# bench/tuning/wire_latency.py) on the committed baseline's raw results and on packet captures
# the tests write. No docker and no load: `make bench` itself stays out of `make test`.
# JUnit XML in $JUNIT_DIR/bench/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
# shellcheck source=scripts/tools/lib.sh
source scripts/tools/lib.sh
junit_dir=$(junit_dir_of bench)
venv=$(ensure_venv bench-tests "$here/requirements.txt")
"$venv/bin/python" -m pytest "$here" -o junit_family=legacy -p no:cacheprovider \
  --junitxml="$junit_dir/pytest.xml" -v -rA
