#!/usr/bin/env bash
# Builds/collects the Terraform providers this repo needs into a local filesystem mirror and
# writes a CLI configuration file that points OpenTofu (and Terraform) at it. Prints the path of
# that CLI config; use it as TF_CLI_CONFIG_FILE. Nothing here contacts a provider registry.
#
#   hashicorp/helm  1.3.2    built from the Go module proxy (the only release the proxy serves),
#                            in a throwaway module, cached by version.
#   hashicorp/aws   5.100.0  the Go module proxy refuses every v6.x release of
#                            github.com/hashicorp/terraform-provider-aws (403 "not available"; its
#                            go.mod path has no /v6 suffix, so v2+ tags are not Go module versions,
#                            and only v1.60.0, from 2019, is listed). The machine image ships the
#                            official 5.100.0 build under /opt/tf-plugins; it is used after its
#                            SHA-256 is checked against the pin below. If it is missing, this fails.
#
# The mirror has both registry.opentofu.org/... and registry.terraform.io/... layouts, so the
# same config works for `tofu` and `terraform`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"

AWS_VERSION=5.100.0
AWS_SHA256=8cb98768bcea942df561a918d65a8751f787ab348f7498bdfe6667dffcebd528
AWS_SOURCE="${TF_AWS_PROVIDER_BINARY:-/opt/tf-plugins/registry.terraform.io/hashicorp/aws/$AWS_VERSION/linux_amd64/terraform-provider-aws_v${AWS_VERSION}_x5}"
HELM_VERSION=1.3.2

platform="$(go env GOOS 2>/dev/null || echo linux)_$(go env GOARCH 2>/dev/null || echo amd64)"
mirror="$USERS_API_CACHE/tf-mirror/aws-$AWS_VERSION-helm-$HELM_VERSION"
cli_config="$mirror/tofu.rc"

# --- helm: build from the Go module proxy -------------------------------------------------
build_helm() {
  local bin_dir="$USERS_API_CACHE/bin/terraform-provider-helm-v$HELM_VERSION"
  local bin="$bin_dir/terraform-provider-helm_v$HELM_VERSION"
  if [[ ! -x "$bin" ]]; then
    command -v go >/dev/null || die "go is required to build terraform-provider-helm $HELM_VERSION"
    local src="$USERS_API_CACHE/src/terraform-provider-helm-v$HELM_VERSION"
    rm -rf "$src" && mkdir -p "$src" "$bin_dir"
    # The replace is repeated from the provider's go.mod. reflect2 is raised to 1.0.2 because
    # 1.0.1 (pulled in by json-iterator) crashes at run time on Go >= 1.18.
    cat >"$src/go.mod" <<MOD
module users-api.local/terraform-provider-helm-build

go 1.14

require github.com/modern-go/reflect2 v1.0.2

replace github.com/Azure/go-autorest => github.com/Azure/go-autorest v13.3.3+incompatible

// vbom.ml (a dead vanity host) is not served by the proxy; its sortorder package lives on as
// github.com/fvbommel/sortorder, copied below into a local module of the old path.
replace vbom.ml/util => ./vbom-util
MOD
    (
      cd "$src"
      local dir
      dir=$(GOFLAGS=-mod=mod go mod download -json github.com/fvbommel/sortorder@v1.0.1 \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
      mkdir -p vbom-util/sortorder
      cp "$dir"/*.go vbom-util/sortorder/ && rm -f vbom-util/sortorder/*_test.go
      chmod -R u+w vbom-util
      printf 'module vbom.ml/util\n\ngo 1.14\n' >vbom-util/go.mod
    ) >&2 || die "preparing the vbom.ml/util stand-in failed"
    log "building terraform-provider-helm $HELM_VERSION from the Go module proxy (first run on this machine only)"
    local start=$SECONDS
    (
      cd "$src"
      export GOFLAGS=-mod=mod CGO_ENABLED=0
      # GNU time records the build's wall time and peak memory when it is installed.
      timed=(); [[ -x /usr/bin/time ]] && timed=(/usr/bin/time -v -o "$bin_dir/build.time")
      go get "github.com/hashicorp/terraform-provider-helm@v$HELM_VERSION" >&2
      "${timed[@]}" \
        go build -trimpath -ldflags "-s -w" -o "$bin.tmp" github.com/hashicorp/terraform-provider-helm >&2
    ) || die "building terraform-provider-helm $HELM_VERSION failed"
    mv "$bin.tmp" "$bin"
    printf 'wall_seconds=%s\n' "$((SECONDS - start))" >>"$bin_dir/build.time"
    log "built terraform-provider-helm in $((SECONDS - start)) s"
  fi
  printf '%s\n' "$bin"
}

# --- aws: the image's official build, checked ----------------------------------------------
check_aws() {
  [[ -x "$AWS_SOURCE" ]] || die "terraform-provider-aws $AWS_VERSION not found at $AWS_SOURCE; the Go module proxy does not serve v5/v6 releases, so set TF_AWS_PROVIDER_BINARY to an official linux build"
  local stamp="$mirror/.aws-sha256-ok"
  # The stamp names the file that was checked; another path or a newer file is checked again.
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$AWS_SOURCE" || "$AWS_SOURCE" -nt "$stamp" ]]; then
    log "checking SHA-256 of $AWS_SOURCE"
    echo "$AWS_SHA256  $AWS_SOURCE" | sha256sum -c --quiet - >&2 || die "terraform-provider-aws binary at $AWS_SOURCE does not match the pinned SHA-256"
    mkdir -p "$mirror" && printf '%s' "$AWS_SOURCE" >"$stamp"
  fi
}

hold_build_lock "$mirror"
helm_bin=$(build_helm)
mkdir -p "$mirror"
check_aws

for host in registry.opentofu.org registry.terraform.io; do
  d="$mirror/$host/hashicorp/aws/$AWS_VERSION/$platform"
  mkdir -p "$d" && ln -sfn "$AWS_SOURCE" "$d/terraform-provider-aws_v${AWS_VERSION}_x5"
  d="$mirror/$host/hashicorp/helm/$HELM_VERSION/$platform"
  mkdir -p "$d" && ln -sfn "$helm_bin" "$d/terraform-provider-helm_v$HELM_VERSION"
done

cat >"$cli_config" <<RC
# Written by scripts/tools/tofu-providers.sh: install providers only from the local mirror.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.opentofu.org/hashicorp/*", "registry.terraform.io/hashicorp/*"]
  }
}
RC
printf '%s\n' "$cli_config"
