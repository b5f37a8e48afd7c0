#!/usr/bin/env bash
# Prints the path of a pinned checkov, installing it into a cached venv on first use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
venv=$(ensure_venv checkov "$here/requirements/checkov.txt")
printf '%s\n' "$venv/bin/checkov"
