#!/bin/bash
# Entrypoint of the redis:7 stand-in, after the official image's docker-entrypoint.sh:
# `redis-server ARGS...` (or bare `--option`s / a `*.conf` file) runs redis-server as the
# redis user; any other command runs as given.
set -e

if [[ "${1#-}" != "$1" || "${1%.conf}" != "$1" ]]; then
  set -- redis-server "$@"
fi

if [[ "$1" == redis-server && "$(id -u)" == 0 ]]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

# The official image compiles protected mode off (it listens on all interfaces without a
# password, for container networks); Debian's build keeps it on, so turn it off on the
# command line. Only without a config file: a config file's own setting then wins as
# upstream, and any later `--protected-mode` argument overrides this one.
if [[ "$1" == redis-server && ( $# == 1 || "${2:0:1}" == - ) ]]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi

exec "$@"
