#!/usr/bin/env bash
# Prints the path of the Python venv for the API walkthrough notebook (requests, pandas, matplotlib,
# ipykernel, nbclient, pytest, JupyterLab), creating it once per version of notebooks/requirements.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ensure_venv notebook "$here/../../notebooks/requirements.txt"
