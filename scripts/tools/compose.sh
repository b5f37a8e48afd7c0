#!/usr/bin/env bash
# Prints the path of a pinned Docker Compose v2 (the `docker compose` CLI plugin), built from
# its Go module on first use: Debian bookworm packages only docker-compose 1.29, and no
# download site is reachable here, but the Go module proxy serves Compose's source.
#
# Compose's go.mod has `exclude` and `replace` directives, which `go install module@version`
# refuses, so this builds inside a copy of the module with the module's own go.mod and go.sum.
# The binary is cached under $USERS_API_CACHE/bin/docker-compose-<version>/. Bump
# COMPOSE_VERSION to upgrade; v2.40.3 was checked against Debian's Docker Engine 20.10 (API 1.41).
# Without buildx it builds with its internal builder, which it says a later release removes:
# check `docker compose build` on a bump.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"

COMPOSE_VERSION="${COMPOSE_VERSION:-v2.40.3}"
module="github.com/docker/compose/v2"

bin_dir="$USERS_API_CACHE/bin/docker-compose-$COMPOSE_VERSION"
bin="$bin_dir/docker-compose"
hold_build_lock "$bin_dir"
if [[ ! -x "$bin" ]]; then
  command -v go >/dev/null || die "go is required to build Docker Compose $COMPOSE_VERSION"
  log "building Docker Compose $COMPOSE_VERSION from the Go module proxy (first run on this machine only; about 4 minutes)"
  start=$SECONDS
  module_dir=$(go mod download -json "$module@$COMPOSE_VERSION" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])') \
    || die "go mod download $module@$COMPOSE_VERSION failed"
  src="$USERS_API_CACHE/src/docker-compose-$COMPOSE_VERSION"
  rm -rf "$src" && mkdir -p "$(dirname "$src")"
  cp -r "$module_dir" "$src" && chmod -R u+w "$src"
  (
    cd "$src"
    CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X $module/internal.Version=$COMPOSE_VERSION" -o "$bin.tmp" ./cmd >&2
  ) || die "building Docker Compose $COMPOSE_VERSION failed"
  mv "$bin.tmp" "$bin"
  rm -rf "$src"
  log "built Docker Compose $COMPOSE_VERSION in $((SECONDS - start)) s"
fi
printf '%s\n' "$bin"
