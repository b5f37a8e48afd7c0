#!/usr/bin/env bash
# Prints the path of the Python venv for the chart tests (pytest, kubernetes-validate), creating it
# once per version of scripts/tools/requirements/helm-tests.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ensure_venv helm-tests "$here/requirements/helm-tests.txt"
