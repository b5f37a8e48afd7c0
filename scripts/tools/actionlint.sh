#!/usr/bin/env bash
# Prints the path of a pinned actionlint, built from its Go module on first use (the Go module
# proxy serves its source; no release download needed). Bump ACTIONLINT_VERSION to upgrade.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
ensure_go_tool actionlint "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}" \
  -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION}"
