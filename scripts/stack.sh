#!/usr/bin/env bash
# The local stack of docker-compose.yml, for people (`make stack-up` / `make stack-down`)
# and for the suites that run against it (test-compose, the notebook suite).
#
#   scripts/stack.sh up     build the images, start the stack, wait until every service is
#                           healthy (STACK_TIMEOUT s, default 300); prints the timings and,
#                           with STACK_TIMINGS_FILE set, writes them there as KEY=SECONDS lines
#   scripts/stack.sh fresh  `down`, then `up`: for the suites, whose checks need an empty database
#                           (a stack of the project left running would be adopted with its data)
#   scripts/stack.sh down   stop the stack and delete its volumes
#   scripts/stack.sh logs   the services' recent logs
#
# Uses `docker compose` (v2) when the plugin is there, else docker-compose (1.29); under CI
# only v2, the README's command (CI provisions it). The project name is COMPOSE_PROJECT_NAME
# (default users-api). Fails loudly when docker is not usable.
set -euo pipefail
cd "$(dirname "$0")/.."
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-users-api}"
SERVICES=(postgres redis api)

# shellcheck source=scripts/tools/lib.sh
source scripts/tools/lib.sh  # log, die, resolve_compose

docker info >/dev/null 2>&1 \
  || die "docker is not usable here (\`docker info\` failed): the local stack cannot run (provision: scripts/ci/provision.d/20-docker.sh)"
resolve_compose

dump_logs() {
  printf '\n==> %s ps\n' "${COMPOSE[*]}" >&2
  "${COMPOSE[@]}" ps >&2 || true
  printf '\n==> %s logs (last 200 lines a service)\n' "${COMPOSE[*]}" >&2
  "${COMPOSE[@]}" logs --no-color --tail=200 >&2 || true
}

# health SERVICE -> healthy | starting | unhealthy | exited | restarting | missing | ...
# A container that has restarted (a crash loop under `restart: unless-stopped`) counts as failed.
health() {
  local id
  id=$("${COMPOSE[@]}" ps -q "$1" 2>/dev/null | head -n1)
  [[ -n "$id" ]] || { echo missing; return; }
  docker inspect --format '{{ if gt .RestartCount 0 }}crashed-and-restarted{{ else if ne .State.Status "running" }}{{ .State.Status }}{{ else if .State.Health }}{{ .State.Health.Status }}{{ else }}no-healthcheck{{ end }}' "$id"
}

wait_healthy() {
  local timeout=${STACK_TIMEOUT:-300} start=$SECONDS last_report=-10 all states s
  while :; do
    all=1 states=()
    for s in "${SERVICES[@]}"; do
      local h
      h=$(health "$s")
      states+=("$s=$h")
      case "$h" in
        healthy) ;;
        starting) all=0 ;;
        *) log "${states[*]}"; dump_logs; die "service $s is $h" ;;
      esac
    done
    ((all)) && { log "${states[*]}"; return 0; }
    if ((SECONDS - start >= timeout)); then
      log "${states[*]}"; dump_logs; die "the stack was not healthy after ${timeout} s"
    fi
    if ((SECONDS - last_report >= 10)); then
      log "waiting for healthy: ${states[*]} ($((SECONDS - start)) s)"
      last_report=$SECONDS
    fi
    sleep 2
  done
}

up() {
  [[ -f code/Dockerfile ]] || die "code/Dockerfile not found: the service is not on this branch, so the api image cannot be built"
  local start=$SECONDS build_s healthy_s
  log "building the images (${COMPOSE[*]} build; $("${COMPOSE[@]}" version --short))"
  if ! "${COMPOSE[@]}" build; then
    die "image build failed (without a registry the base images must be present locally: scripts/ci/standin-images.sh)"
  fi
  build_s=$((SECONDS - start))
  log "built in ${build_s} s; starting the stack"
  start=$SECONDS
  "${COMPOSE[@]}" up --build -d || { dump_logs; die "${COMPOSE[*]} up failed"; }
  wait_healthy
  healthy_s=$((SECONDS - start))
  log "timings: build ${build_s} s, start to healthy ${healthy_s} s"
  log "API on http://localhost:${API_PORT:-8000} (docs: /docs)"
  if [[ -n "${STACK_TIMINGS_FILE:-}" ]]; then
    printf 'STACK_BUILD_SECONDS=%s\nSTACK_HEALTHY_SECONDS=%s\n' "$build_s" "$healthy_s" >"$STACK_TIMINGS_FILE"
  fi
}

down() {
  "${COMPOSE[@]}" down -v --remove-orphans
}

fresh() {
  local output
  log "removing any leftover stack of $COMPOSE_PROJECT_NAME"
  output=$(down 2>&1) || die "could not take down a leftover stack of $COMPOSE_PROJECT_NAME: $output"
  up
}

case "${1:-}" in
  up) up ;;
  fresh) fresh ;;
  down) down ;;
  logs) dump_logs ;;
  *) die "usage: $0 up|fresh|down|logs" ;;
esac
