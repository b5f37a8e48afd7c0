#!/usr/bin/env bash
# Prints a folder holding the External Secrets Operator CRDs (config/crds/bases/*.yaml) of a pinned
# ESO release. They come from the ESO Go module through the Go module proxy (a registry), cached in
# the Go module cache, so nothing is downloaded from a web site at test time.
# ESO_VERSION: the ESO release Terraform installs (mk/50-helm.mk reads it from terraform/variables.tf).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
ESO_VERSION="${ESO_VERSION:-v0.19.2}"
module="github.com/external-secrets/external-secrets@${ESO_VERSION}"
command -v go >/dev/null || die "go is required to fetch the ESO CRDs ($module)"
dir=$(go mod download -json "$module" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir","")); sys.exit(1 if d.get("Error") else 0)') \
  || die "go mod download $module failed"
crds="$dir/config/crds/bases"
[[ -f "$crds/external-secrets.io_externalsecrets.yaml" ]] || die "no ESO CRDs under $crds"
printf '%s\n' "$crds"
