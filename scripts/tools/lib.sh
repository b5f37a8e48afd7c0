# shellcheck shell=bash
# Shared helpers for the scripts that make sure a tool is present.
#
# Tools are built or installed once into a cache outside the work tree, keyed by their
# pinned version (or the hash of a requirements file), so fresh clones on the same
# machine reuse them and a version bump builds a new copy beside the old one.
USERS_API_CACHE="${USERS_API_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/users-api}"
mkdir -p "$USERS_API_CACHE"

log() { printf '    [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# junit_dir_of SUITE -> creates and prints the folder of that suite's JUnit XML
# ($JUNIT_DIR/SUITE; build/reports/junit/SUITE of the current directory when run outside make).
junit_dir_of() {
  local dir="${JUNIT_DIR:-$PWD/build/reports/junit}/$1"
  mkdir -p "$dir"
  printf '%s\n' "$dir"
}

# ensure_venv NAME REQUIREMENTS_FILE -> prints the venv's path.
# The venv is keyed by the hash of the requirements file, so editing a pin rebuilds it.
ensure_venv() {
  local name=$1 requirements=$2 key venv
  [[ -f "$requirements" ]] || die "requirements file $requirements not found"
  key=$(sha256sum "$requirements" | cut -c1-12)
  venv="$USERS_API_CACHE/venv/$name-$key"
  if [[ ! -x "$venv/bin/python" || ! -f "$venv/.complete" ]]; then
    log "creating Python venv $name ($requirements)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (install python3-venv)"
    "$venv/bin/pip" install --quiet --upgrade pip >&2
    "$venv/bin/pip" install --quiet -r "$requirements" >&2 || die "pip install -r $requirements failed"
    touch "$venv/.complete"
  fi
  printf '%s\n' "$venv"
}

# hold_build_lock DIR: an exclusive lock on DIR/.lock until the calling script exits, so that
# another checkout on this machine building the same tool version waits for it instead of racing.
hold_build_lock() {
  mkdir -p "$1"
  exec 9>"$1/.lock"
  flock 9
}

# ensure_go_tool NAME MODULE_PATH@VERSION [go build flags...] -> prints the binary's path.
ensure_go_tool() {
  local name=$1 module=$2; shift 2
  local version=${module##*@} bin_dir bin
  bin_dir="$USERS_API_CACHE/bin/$name-$version"
  bin="$bin_dir/$name"
  if [[ ! -x "$bin" ]]; then
    command -v go >/dev/null || die "go is required to build $name ($module)"
    log "building $name from $module (first run on this machine only)"
    local start=$SECONDS
    GOBIN="$bin_dir" go install "$@" "$module" >&2 || die "go install $module failed"
    log "built $name in $((SECONDS - start)) s"
  fi
  printf '%s\n' "$bin"
}

# resolve_compose: sets the array COMPOSE to `docker compose`, the README's command (the v2
# plugin), or to Debian's docker-compose 1.29 where only that is installed; under CI only v2,
# which CI provisions (scripts/ci/provision.d/20-docker.sh), so the README's command is the one tested.
# It exports the choice as COMPOSE_COMMAND, for the Python tests that run compose themselves and
# for the scripts a caller starts (scripts/stack.sh), which then do not ask Docker again.
resolve_compose() {
  # shellcheck disable=SC2034  # COMPOSE is read by the scripts that source this file
  if [[ -n "${COMPOSE_COMMAND:-}" ]]; then
    read -r -a COMPOSE <<<"$COMPOSE_COMMAND"
  elif docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif [[ -n "${CI:-}" ]]; then
    die "CI runs the README's \`docker compose\` (the v2 plugin), and it is not installed (provision: scripts/ci/provision.d/20-docker.sh)"
  elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
  else
    die "neither \`docker compose\` (the v2 plugin) nor docker-compose is installed"
  fi
  export COMPOSE_COMMAND="${COMPOSE[*]}"
}

# container_network ID / container_ip ID: the network a container is on and its address there
# (compose puts a service on one network, its project's).
container_network() { docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$1"; }
container_ip() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
# container_env ID: a container's (or image's) environment, one NAME=value a line
container_env() { docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$1"; }
