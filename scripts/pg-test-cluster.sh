#!/usr/bin/env bash
# Private, throw-away PostgreSQL 15 cluster for tests.
#
#   pg-test-cluster.sh start DIR   create + start a cluster in DIR, print its URL
#   pg-test-cluster.sh stop DIR    stop it (immediate) and remove DIR
#
# "start" prints exactly one line on stdout:
#   postgres://postgres@127.0.0.1:PORT/workstead_test
# Everything else goes to stderr. Durability is switched off: tests only.
set -euo pipefail

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly MARKER=.workstead-pg-test-cluster
readonly DB_NAME=workstead_test

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

# Run a command as the cluster owner: "postgres" when we are root, else ourselves.
as_owner() {
  if [[ ${EUID} -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A TCP port on 127.0.0.1 that is free right now.
free_port() {
  /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

cmd_start() {
  local dir=$1 data port url attempt started=0
  [[ -x ${PG_BIN}/initdb ]] || die "${PG_BIN}/initdb not found (apt-get install postgresql)"
  mkdir -p "${dir}"
  dir="$(cd "${dir}" && pwd)"  # absolute: the socket directory must be absolute
  data=${dir}/data
  if [[ -e ${data}/PG_VERSION ]]; then
    die "${dir} already holds a cluster; run '$0 stop ${dir}' first"
  fi
  # Unix socket paths are limited to 107 bytes (".s.PGSQL.NNNNN" included).
  (( ${#dir} <= 90 )) || die "DIR path too long for a unix socket: ${dir}"

  if [[ ${EUID} -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' user (apt-get install postgresql)"
    chown postgres:postgres "${dir}"
    runuser -u postgres -- test -w "${dir}" \
      || die "user postgres cannot reach ${dir} (check parent directory permissions)"
  fi
  touch "${dir}/${MARKER}"

  as_owner "${PG_BIN}/initdb" -D "${data}" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"${dir}/initdb.log" 2>&1 \
    || { cat "${dir}/initdb.log" >&2; die "initdb failed"; }

  # Only local socket and 127.0.0.1, both trusted.
  as_owner tee "${data}/pg_hba.conf" >/dev/null <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  as_owner tee -a "${data}/postgresql.conf" >/dev/null <<CONF

# --- workstead test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '${dir}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF

  # The port is picked here and may be taken by someone else before the
  # server binds it: retry a few times with a new port.
  for attempt in 1 2 3; do
    port="$(free_port)"
    echo "port = ${port}" | as_owner tee -a "${data}/postgresql.conf" >/dev/null
    if as_owner "${PG_BIN}/pg_ctl" -D "${data}" -l "${dir}/postgres.log" -w -t 60 start >&2; then
      started=1
      break
    fi
    echo "pg-test-cluster: start attempt ${attempt} on port ${port} failed" >&2
  done
  if (( ! started )); then
    tail -n 20 "${dir}/postgres.log" >&2 || true
    die "could not start PostgreSQL"
  fi
  echo "${port}" >"${dir}/port"

  "${PG_BIN}/createdb" -h 127.0.0.1 -p "${port}" -U postgres "${DB_NAME}" >&2 \
    || die "createdb ${DB_NAME} failed"

  url="postgres://postgres@127.0.0.1:${port}/${DB_NAME}"
  echo "${url}"
}

cmd_stop() {
  local dir=$1
  [[ -d ${dir} ]] || return 0
  # Refuse to delete a directory this script did not create.
  [[ -e ${dir}/${MARKER} ]] || die "${dir} is not a test cluster directory (no ${MARKER}); not removing"
  if [[ -e ${dir}/data/postmaster.pid ]]; then
    as_owner "${PG_BIN}/pg_ctl" -D "${dir}/data" -m immediate -w stop >&2 \
      || echo "pg-test-cluster: pg_ctl stop failed (continuing)" >&2
  fi
  rm -rf -- "${dir}"
}

[[ $# -eq 2 ]] || usage
case $1 in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  *) usage ;;
esac
