#!/usr/bin/env bash
# Prints the path of a pinned OpenTofu, building it from the Go module proxy on first use.
#
# OpenTofu's go.mod has a `replace` directive (its HCL fork), and `go install module@version`
# refuses modules with replace directives. So this builds it from a throwaway module that
# requires OpenTofu at the pinned version and repeats the replace directive. The binary is
# cached under $USERS_API_CACHE/bin/tofu-<version>/, so only the first run on a machine builds.
#
# Why 1.12: `tofu test` with mock providers needs ephemeral-resource support in the mock
# (1.11.6 panics "implement me" on an `ephemeral` block; fixed in 1.12, opentofu#4251), and
# 1.10 has no ephemeral resources at all. 1.12 needs Go >= 1.26.6.
# The cold build's time and peak memory are logged to build.log beside the binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"

TOFU_VERSION="${TOFU_VERSION:-v1.12.6}"
# Copied from github.com/opentofu/opentofu@v1.12.6/go.mod; check it again when bumping the version.
TOFU_REPLACE="github.com/hashicorp/hcl/v2 v2.20.1 => github.com/opentofu/hcl/v2 v2.20.2-0.20251021132045-587d123c2828"

bin_dir="$USERS_API_CACHE/bin/tofu-$TOFU_VERSION"
bin="$bin_dir/tofu"
hold_build_lock "$bin_dir"
if [[ ! -x "$bin" ]]; then
  command -v go >/dev/null || die "go is required to build OpenTofu $TOFU_VERSION"
  src="$USERS_API_CACHE/src/tofu-$TOFU_VERSION"
  rm -rf "$src" && mkdir -p "$src" "$bin_dir"
  cat >"$src/go.mod" <<MOD
module users-api.local/tofu-build

go 1.26.6

replace $TOFU_REPLACE
MOD
  log "building OpenTofu $TOFU_VERSION from the Go module proxy (first run on this machine only; several minutes)"
  start=$SECONDS
  (
    cd "$src"
    export GOFLAGS=-mod=mod CGO_ENABLED=0
    # GNU time records the build's wall time and peak memory when it is installed.
    timed=(); [[ -x /usr/bin/time ]] && timed=(/usr/bin/time -v -o "$bin_dir/build.time")
    go get "github.com/opentofu/opentofu/cmd/tofu@$TOFU_VERSION" >&2
    "${timed[@]}" \
      go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
        -o "$bin.tmp" github.com/opentofu/opentofu/cmd/tofu >&2
  ) || die "building OpenTofu $TOFU_VERSION failed"
  mv "$bin.tmp" "$bin"
  log "built OpenTofu $TOFU_VERSION in $((SECONDS - start)) s ($(grep -sE 'Maximum resident' "$bin_dir/build.time" | awk '{print $NF}') KiB peak RSS of the go command)"
  printf 'wall_seconds=%s\n' "$((SECONDS - start))" >>"$bin_dir/build.time"
fi
printf '%s\n' "$bin"
