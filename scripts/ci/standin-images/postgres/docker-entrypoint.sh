#!/bin/bash
# Entrypoint of the postgres:17 stand-in, after the official image's docker-entrypoint.sh.
# `postgres ARGS...` (or bare `-c ...` options): on an empty $PGDATA, initdb with
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB / POSTGRES_INITDB_ARGS (each also as
# *_FILE), password auth (POSTGRES_HOST_AUTH_METHOD, default scram-sha-256) for host
# connections, then /docker-entrypoint-initdb.d/*.sql|*.sql.gz|*.sh once; then exec
# postgres as user postgres, so it is PID 1 and stops cleanly on SIGINT/SIGTERM.
set -Eeuo pipefail

# file_env VAR [DEFAULT]: VAR, or the content of the file named by VAR_FILE, or DEFAULT.
file_env() {
  local var=$1 file_var="${1}_FILE" default=${2:-}
  if [[ -n "${!var:-}" && -n "${!file_var:-}" ]]; then
    echo "error: both $var and $file_var are set (but are exclusive)" >&2
    exit 1
  fi
  local value=$default
  if [[ -n "${!var:-}" ]]; then value=${!var}; elif [[ -n "${!file_var:-}" ]]; then value=$(<"${!file_var}"); fi
  export "$var"="$value"
  unset "$file_var"
}

# run_sql ARGS...: psql as the configured superuser, stopping at the first error.
run_sql() {
  PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}" psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
    --no-password --no-psqlrc "$@"
}

init_database() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [[ -z "$POSTGRES_PASSWORD" && "$POSTGRES_HOST_AUTH_METHOD" != trust ]]; then
    cat >&2 <<'MSG'
error: database is uninitialized and superuser password is not specified.
       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a password).
MSG
    exit 1
  fi

  local -a initdb_args=(--username="$POSTGRES_USER")
  local pwfile
  pwfile=$(umask 077 && mktemp)
  if [[ -n "$POSTGRES_PASSWORD" ]]; then
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    initdb_args+=(--pwfile="$pwfile")
  fi
  # POSTGRES_INITDB_ARGS is a shell-quoted argument string, as upstream.
  eval 'initdb "${initdb_args[@]}" '"$POSTGRES_INITDB_ARGS"
  rm -f "$pwfile"
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  # A temporary server on the Unix socket only, for the init scripts.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
  if [[ "$POSTGRES_DB" != postgres ]]; then
    run_sql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  local f
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        # shellcheck source=/dev/null
        if [[ -x "$f" ]]; then echo "running $f"; "$f"; else echo "sourcing $f"; source "$f"; fi ;;
      *.sql) echo "running $f"; run_sql --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | run_sql --dbname "$POSTGRES_DB" ;;
      *) echo "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo 'PostgreSQL init process complete; ready for start up.'
}

if [[ "${1:0:1}" == - ]]; then
  set -- postgres "$@"
fi

if [[ "$1" == postgres ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA" /var/run/postgresql
    chown postgres:postgres "$PGDATA" /var/run/postgresql
    chmod 700 "$PGDATA"
    chmod 3777 /var/run/postgresql
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
  fi
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    init_database
  fi
fi

exec "$@"
