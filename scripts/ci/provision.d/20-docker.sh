# shellcheck shell=bash
# Docker engine, Docker Compose v2 and debootstrap, a running dockerd, and the local stand-ins
# of the upstream images (scripts/ci/standin-images.sh: this CI has no container registry;
# where `docker pull` works the script keeps the real images). Sourced by .ci/run as root;
# idempotent: installed packages, a running daemon and up-to-date images are left alone.
provision_docker() {
  local -a packages=()
  # The engine, not the client: some machines ship a docker CLI (/usr/local/bin/docker) without
  # a daemon, and a check for `docker` alone then skipped the install and never started one.
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v debootstrap >/dev/null || packages+=(debootstrap)
  if ((${#packages[@]})); then
    echo "    installing ${packages[*]}"
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi

  if ! docker info >/dev/null 2>&1; then
    if [[ -d /run/systemd/system ]]; then
      echo "    starting docker (systemd)"
      systemctl start docker
    else
      echo "    starting dockerd (log: /var/log/dockerd.log)"
      setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
      disown
    fi
    local waited=0 timeout=${DOCKERD_START_TIMEOUT:-60}
    until docker info >/dev/null 2>&1; do
      if ((waited >= timeout)); then
        tail -n 20 /var/log/dockerd.log >&2 2>/dev/null || true
        echo "error: the docker daemon did not answer \`docker info\` within ${timeout} s" >&2
        return 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
    echo "    docker is up after ${waited} s"
  fi
  docker version --format '    docker engine {{.Server.Version}}'

  # `docker compose` as the README says it, not Debian's docker-compose 1.29: Compose v2 is
  # built from its Go module (scripts/tools/compose.sh) and installed as a CLI plugin.
  if ! docker compose version >/dev/null 2>&1; then
    local compose_bin
    compose_bin=$(scripts/tools/compose.sh)
    install -D -m 0755 "$compose_bin" /usr/local/lib/docker/cli-plugins/docker-compose
  fi
  docker compose version | sed 's/^/    /'

  scripts/ci/standin-images.sh
}
provision_docker
unset -f provision_docker
