#!/usr/bin/env bash
# Prints the path of a pinned helm, built from its Go module on first use (no download site
# needed: the Go module proxy serves helm's source). Bump HELM_VERSION to upgrade.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
HELM_VERSION="${HELM_VERSION:-v4.3.1}"
major="${HELM_VERSION%%.*}"
ensure_go_tool helm "helm.sh/helm/${major}/cmd/helm@${HELM_VERSION}" \
  -trimpath -ldflags "-s -w -X helm.sh/helm/${major}/internal/version.version=${HELM_VERSION}"
