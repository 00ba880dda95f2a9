#!/usr/bin/env bash
# Workstead benchmark harness (DESIGN.md section 9).
#
#   bench/run.sh [BUILD_DIR]        (default build/release; `make bench` calls this)
#
# Starts the bare Beast "hello" server (the ceiling) and a Workstead server on
# an empty data dir, drives both with wrk on loopback, runs the durable-write
# tool, and prints a Markdown table plus memory and start-up figures.
# Progress goes to stderr, results to stdout.
#
# Environment:
#   BENCH_SECONDS      wrk duration per scenario (default 10)
#   BENCH_CONNECTIONS  wrk connections (default 64)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_WARMUP       warm-up seconds before each scenario, 0 to skip (default 1)
#   BENCH_START_RUNS   extra fresh start-to-ready samples (default 5)
#   BENCH_KEEP=1       keep the temporary directory (logs, raw wrk output)
#
# To add a scenario: `run_wrk NAME URL [extra wrk args]` in main(), e.g.
#   BENCH_TOKEN=... run_wrk "tasks list" "${ws_url}/api/v1/..." -s "${BENCH_DIR}/lua/bearer.lua"
set -euo pipefail

readonly PY=/usr/bin/python3
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly BENCH_DIR
readonly ROOT_DIR="${BENCH_DIR%/*}"

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_WARMUP=${BENCH_WARMUP:-1}
BENCH_START_RUNS=${BENCH_START_RUNS:-5}
BENCH_KEEP=${BENCH_KEEP:-0}
readonly READY_TIMEOUT=30  # seconds a server gets to become ready

PIDS=()       # every process we started; killed on exit
ROWS=()       # Markdown table rows, filled by run_wrk / add_row
WARNINGS=()   # printed under the table
NOTES=()      # measurements that are not table rows
CEILING_RPS=""
WORK=""
BARE=""       # the bare server binary (the ceiling), set by main

log() { echo "bench: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- process bookkeeping -----------------------------------------------------

# True while PID exists and is not a zombie.
alive() {
  [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# TERM the given pids, KILL what is left after 5 s, reap our own children.
stop_pids() {
  local pid i
  (($# > 0)) || return 0
  for pid in "$@"; do kill -TERM "${pid}" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    local any=0
    for pid in "$@"; do alive "${pid}" && any=1; done
    ((any)) || break
    sleep 0.1
  done
  for pid in "$@"; do
    if alive "${pid}"; then kill -KILL "${pid}" 2>/dev/null || true; fi
    wait "${pid}" 2>/dev/null || true
  done
  # Forget them so the exit trap never signals a recycled pid.
  local keep=() p
  for p in "${PIDS[@]}"; do
    [[ " $* " == *" ${p} "* ]] || keep+=("${p}")
  done
  PIDS=("${keep[@]}")
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pids "${PIDS[@]}"
  if [[ -n ${WORK} ]]; then
    if [[ ${BENCH_KEEP} == 1 ]]; then log "kept ${WORK}"; else rm -rf -- "${WORK}"; fi
  fi
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers -----------------------------------------------------------------

free_port() {
  "${PY}" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# run_bounded SECONDS CMD...: run CMD under timeout, in the background so a
# TERM/INT to this script is handled at once (bash defers traps while a
# foreground child runs). Redirect at the call site.
run_bounded() {
  local limit=$1 pid rc=0
  shift
  timeout "${limit}" "$@" &
  pid=$!
  PIDS+=("${pid}")
  wait "${pid}" || rc=$?
  stop_pids "${pid}"
  return "${rc}"
}

# Poll URL with curl until it answers 200; fail if PID dies or time runs out.
wait_ready() {
  local url=$1 pid=$2 name=$3 deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null --max-time 1 "${url}" 2>/dev/null; do
    alive "${pid}" || die "${name} exited before it was ready (see ${WORK}/${name}.log)"
    ((SECONDS < deadline)) || die "${name} not ready after ${READY_TIMEOUT}s"
    sleep 0.05
  done
}

# Launcher that times start-to-ready. It starts the command itself, polls
# GET /readyz with http.client in a tight loop, writes "PID MS RSS_KIB" to
# RESULT as soon as the answer is 200, then stays the server's parent (so it
# is reaped) and forwards TERM/INT to it.
# shellcheck disable=SC2016  # python source, not shell
readonly LAUNCHER='
import http.client, os, signal, subprocess, sys, time
result, host, port, log_path, timeout = sys.argv[1:6]
cmd = sys.argv[6:]
with open(log_path, "ab") as log:
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
signal.signal(signal.SIGTERM, lambda s, f: proc.send_signal(s))
signal.signal(signal.SIGINT, lambda s, f: proc.send_signal(s))
deadline = t0 + float(timeout)
ready = False
while time.monotonic() < deadline and proc.poll() is None:
    try:
        conn = http.client.HTTPConnection(host, int(port), timeout=1)
        conn.request("GET", "/readyz")
        ready = conn.getresponse().status == 200
        conn.close()
    except (OSError, http.client.HTTPException):
        pass
    if ready:
        break
    time.sleep(0.001)
elapsed_ms = (time.monotonic() - t0) * 1000.0
rss = 0
if ready:
    with open(f"/proc/{proc.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
with open(result + ".tmp", "w") as out:
    out.write(f"{proc.pid} {elapsed_ms:.1f} {rss}\n" if ready else f"FAIL {proc.poll()}\n")
os.rename(result + ".tmp", result)
if not ready and proc.poll() is None:
    proc.kill()
sys.exit(proc.wait() if ready else 1)
'

# launch_workstead NAME PORT: start a fresh server on an empty data dir.
# Sets WS_PID, WS_LAUNCHER_PID, WS_READY_MS, WS_RSS_KIB.
launch_workstead() {
  local name=$1 port=$2 result="${WORK}/$1.ready" data deadline
  data="$(mktemp -d -p "${WORK}" "data-$1.XXXXXX")"
  rm -f -- "${result}"
  "${PY}" -c "${LAUNCHER}" "${result}" 127.0.0.1 "${port}" "${WORK}/${name}.log" \
    "${READY_TIMEOUT}" "${WORKSTEAD}" serve --listen "127.0.0.1:${port}" --data-dir "${data}" &
  WS_LAUNCHER_PID=$!
  PIDS+=("${WS_LAUNCHER_PID}")
  deadline=$((SECONDS + READY_TIMEOUT + 5))
  until [[ -e ${result} ]]; do
    alive "${WS_LAUNCHER_PID}" || break
    ((SECONDS < deadline)) || die "${name}: launcher hung"
    sleep 0.01
  done
  WS_PID=FAIL WS_READY_MS=None
  [[ ! -e ${result} ]] || read -r WS_PID WS_READY_MS WS_RSS_KIB <"${result}"
  if [[ ${WS_PID} == FAIL ]]; then
    tail -n 20 "${WORK}/${name}.log" >&2 || true
    if [[ ${WS_READY_MS} == None ]]; then
      die "${name}: workstead did not answer 200 on /readyz within ${READY_TIMEOUT}s"
    fi
    die "${name}: workstead exited with status ${WS_READY_MS} before /readyz answered 200"
  fi
  PIDS+=("${WS_PID}")
}

# wrk time value ("812.5us", "1.25ms", "1.02s", "1.50m") -> milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    else if (u != "ms") { print "?"; exit }
    printf "%.2f", n }'
}

# Append a result row. rps may be a number or free text (then no % column).
add_row() {
  local name=$1 rps=$2 p50=${3:-–} p99=${4:-–} pct="–"
  if [[ ${rps} =~ ^[0-9.]+$ && -n ${CEILING_RPS} ]]; then
    pct="$(awk -v a="${rps}" -v c="${CEILING_RPS}" 'BEGIN { printf "%.1f%%", 100 * a / c }')"
    rps="$(printf '%.0f' "${rps}")"
  fi
  ROWS+=("| ${name} | ${rps} | ${p50} | ${p99} | ${pct} |")
}

# run_wrk NAME URL [extra wrk args...]: one scenario, one table row.
# The first scenario run is the ceiling every later row is compared to.
run_wrk() {
  local name=$1 url=$2 out rps p50 p99 errors
  shift 2
  local common=(-t"${BENCH_THREADS}" -c"${BENCH_CONNECTIONS}" --timeout 5s "$@" "${url}")
  out="${WORK}/wrk-$(tr -c 'A-Za-z0-9._-' '_' <<<"${name}").txt"
  if ((BENCH_WARMUP > 0)); then
    run_bounded $((BENCH_WARMUP + 30)) wrk -d"${BENCH_WARMUP}s" "${common[@]}" >/dev/null 2>&1 || true
  fi
  log "wrk ${BENCH_SECONDS}s: ${name} (${url})"
  if ! run_bounded $((BENCH_SECONDS + 30)) wrk -d"${BENCH_SECONDS}s" --latency "${common[@]}" \
    >"${out}" 2>&1; then
    cat "${out}" >&2
    die "wrk failed for ${name}"
  fi
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "${out}")"
  p50="$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "${out}")"
  p99="$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "${out}")"
  [[ -n ${rps} && -n ${p50} && -n ${p99} ]] || {
    cat "${out}" >&2
    die "could not parse wrk output for ${name}"
  }
  # Errors make the numbers meaningless: flag them under the table.
  errors="$(grep -E '^ *(Non-2xx or 3xx responses|Socket errors):' "${out}" | sed 's/^ *//; s/  */ /g' || true)"
  [[ -z ${errors} ]] || WARNINGS+=("${name}: ${errors//$'\n'/; }")
  [[ -n ${CEILING_RPS} ]] || CEILING_RPS=${rps}
  add_row "${name}" "${rps}" "$(to_ms "${p50}") ms" "$(to_ms "${p99}") ms"
}

# Signed-in reads, alone and while 16 clients sign in continuously (each
# login runs argon2id). The first account registered becomes the admin.
auth_scenarios() {
  local url=$1 token login_out login_pid login_rps
  export BENCH_EMAIL=bench@example.com BENCH_PASSWORD=bench-password-4711
  token="$(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"${BENCH_EMAIL}\",\"password\":\"${BENCH_PASSWORD}\",\"name\":\"Bench\"}" \
    "${url}/api/v1/auth/register" |
    "${PY}" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')" ||
    die "registering the bench user failed"
  export BENCH_TOKEN=${token}
  run_wrk "workstead GET /api/v1/me (bearer)" "${url}/api/v1/me" -s "${BENCH_DIR}/lua/bearer.lua"

  login_out="${WORK}/login-load.out"
  # The logins run through two /me scenarios: saturating (64 connections,
  # where p99 is mostly queueing) and a steady 8 connections.
  local login_seconds=$((2 * (BENCH_SECONDS + BENCH_WARMUP) + 4))
  run_bounded $((login_seconds + 30)) wrk -t1 -c16 -d"${login_seconds}s" \
    -s "${BENCH_DIR}/lua/login.lua" "${url}/api/v1/auth/login" >"${login_out}" 2>&1 &
  login_pid=$!
  sleep 1
  run_wrk "workstead GET /api/v1/me while 16 clients log in" "${url}/api/v1/me" \
    -s "${BENCH_DIR}/lua/bearer.lua"
  BENCH_CONNECTIONS=8 run_wrk "workstead GET /api/v1/me, 8 connections, while 16 clients log in" \
    "${url}/api/v1/me" -s "${BENCH_DIR}/lua/bearer.lua"
  wait "${login_pid}" || die "login load failed: $(cat "${login_out}")"
  login_rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "${login_out}")"
  grep -q 'Non-2xx' "${login_out}" && WARNINGS+=("login load: $(grep 'Non-2xx' "${login_out}")")
  add_row "POST /api/v1/auth/login, 16 clients (argon2id m=19 MiB t=2)" "${login_rps} logins/s"
}

# Rows and notes printed by a scenario script, one JSON object a line:
# {"row": [name, value, p50_ms, p99_ms]} (a numeric value is req/s) or
# {"note": "..."}; other lines are ignored.
add_scenario_output() {
  local line name value p50 p99
  while IFS= read -r line; do
    [[ ${line} == \{* ]] || continue
    if [[ ${line} == *'"row"'* ]]; then
      IFS=$'\t' read -r name value p50 p99 < <("${PY}" -c 'import json, sys
r = json.loads(sys.argv[1])["row"]
v = "%.0f" % r[1] if isinstance(r[1], (int, float)) else r[1]
print("%s\t%s\t%.2f\t%.2f" % (r[0], v, r[2], r[3]))' "${line}")
      add_row "workstead ${name}" "${value}" "${p50} ms" "${p99} ms"
    else
      NOTES+=("$("${PY}" -c 'import json, sys; print(json.loads(sys.argv[1])["note"])' "${line}")")
    fi
  done <"$1"
}

# Members of a 1,000-member workspace and 1,000 held long-polls
# (bench/workspaces.py starts its own server on its own data dir).
workspace_scenarios() {
  local out="${WORK}/workspaces.out"
  log "workspaces.py ${BENCH_SECONDS}s"
  run_bounded $((BENCH_SECONDS + 120)) "${PY}" "${BENCH_DIR}/workspaces.py" "${WORKSTEAD}" \
    "${WORK}" "${BENCH_SECONDS}" >"${out}" 2>"${WORK}/workspaces.err" || {
    cat "${WORK}/workspaces.err" >&2
    die "workspaces.py failed"
  }
  add_scenario_output "${out}"
}

# Task list, task create and search over 100,000 tasks (bench/tasks.py
# starts its own server on its own data dir; same output format).
task_scenarios() {
  local out="${WORK}/tasks.out"
  log "tasks.py ${BENCH_SECONDS}s"
  run_bounded $((BENCH_SECONDS * 5 + 300)) "${PY}" "${BENCH_DIR}/tasks.py" "${WORKSTEAD}" \
    "${WORK}" "${BENCH_SECONDS}" "${BARE}" >"${out}" 2>"${WORK}/tasks.err" || {
    cat "${WORK}/tasks.err" >&2
    die "tasks.py failed"
  }
  add_scenario_output "${out}"
}

# WebSocket fan-out, sustained delivery and idle sockets (bench/realtime.py
# starts its own server; BENCH_RT_SECONDS, default 60; BENCH_RT_IDLE, 10000).
realtime_scenarios() {
  local tool="$1" out="${WORK}/realtime.out"
  log "realtime.py ${BENCH_RT_SECONDS:-60}s"
  run_bounded $((${BENCH_RT_SECONDS:-60} + 700)) "${PY}" "${BENCH_DIR}/realtime.py" "${WORKSTEAD}" \
    "${tool}" "${WORK}" "${BENCH_RT_SECONDS:-60}" "${BENCH_RT_IDLE:-10000}" >"${out}" \
    2>"${WORK}/realtime.err" || WARNINGS+=("realtime: a delivery check failed (see the notes)")
  add_scenario_output "${out}"
}

# --- main ----------------------------------------------------------------------

main() {
  local build_dir=${1:-build/release}
  [[ -d ${build_dir} || ! -d ${ROOT_DIR}/${build_dir} ]] || build_dir=${ROOT_DIR}/${build_dir}
  [[ -d ${build_dir} ]] || die "build dir ${build_dir} not found (build the release preset first)"
  build_dir="$(cd "${build_dir}" && pwd)"

  local bare="${build_dir}/bench/bench_bare_server"
  BARE=${bare}
  WORKSTEAD="${build_dir}/workstead"
  local bench_db="${build_dir}/workstead-bench-db"
  local tool
  for tool in "${bare}" "${WORKSTEAD}" "${bench_db}"; do
    [[ -x ${tool} ]] || die "missing ${tool} (build it first)"
  done
  for tool in wrk curl timeout "${PY}"; do
    command -v "${tool}" >/dev/null || die "missing ${tool} (scripts/install-deps.sh)"
  done

  # The per-IP request limit would throttle a load generator on one address.
  export WORKSTEAD_RATE_LIMIT_PER_IP=0
  WORK="$(mktemp -d -t workstead-bench.XXXXXX)"
  log "nproc=$(nproc) seconds=${BENCH_SECONDS} connections=${BENCH_CONNECTIONS} threads=${BENCH_THREADS}"

  # Ceiling server.
  local bare_port bare_pid
  bare_port="$(free_port)"
  "${bare}" --listen "127.0.0.1:${bare_port}" --threads 2 >"${WORK}/bare.log" 2>&1 &
  bare_pid=$!
  PIDS+=("${bare_pid}")
  wait_ready "http://127.0.0.1:${bare_port}/" "${bare_pid}" bare

  # Workstead, launched by the timing launcher: first start-to-ready sample
  # and the fresh idle RSS come from this start.
  local ws_port ws_url ws_pid first_ready_ms fresh_rss
  ws_port="$(free_port)"
  ws_url="http://127.0.0.1:${ws_port}"
  launch_workstead workstead "${ws_port}"
  ws_pid=${WS_PID}
  first_ready_ms=${WS_READY_MS}
  fresh_rss=${WS_RSS_KIB}
  wait_ready "${ws_url}/readyz" "${ws_pid}" workstead

  # HTTP scenarios. Add new ones here.
  run_wrk "bare Beast hello (ceiling)" "http://127.0.0.1:${bare_port}/"
  run_wrk "workstead GET /healthz" "${ws_url}/healthz"
  run_wrk "workstead GET /api/v1/meta" "${ws_url}/api/v1/meta"
  auth_scenarios "${ws_url}"
  workspace_scenarios
  task_scenarios
  if [[ -x ${build_dir}/workstead-bench-realtime ]]; then
    realtime_scenarios "${build_dir}/workstead-bench-realtime"
  fi

  sleep 1
  local loaded_rss
  loaded_rss="$(rss_kib "${ws_pid}")"

  # Durable writes: the tool prints one JSON line on stdout.
  log "workstead-bench-db 5s"
  local db_out="${WORK}/bench-db.out" units_per_sec
  run_bounded 120 "${bench_db}" --data-dir "$(mktemp -d -p "${WORK}" data-db.XXXXXX)" \
    --seconds 5 >"${db_out}" 2>"${WORK}/bench-db.log" || {
    cat "${WORK}/bench-db.log" >&2
    die "workstead-bench-db failed"
  }
  units_per_sec="$(
    "${PY}" -c 'import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip().startswith("{")]
print("%.0f" % json.loads(lines[-1])["units_per_sec"])' <"${db_out}"
  )" || die "cannot parse workstead-bench-db output: $(cat "${db_out}")"
  add_row "durable write units (SQLite, WAL fsynced before the answer, group commit)" "${units_per_sec} units/s"

  # More start-to-ready samples, each a fresh process on an empty data dir.
  local samples=("${first_ready_ms}") i port
  for ((i = 1; i <= BENCH_START_RUNS; i++)); do
    port="$(free_port)"
    launch_workstead "start-${i}" "${port}"
    samples+=("${WS_READY_MS}")
    stop_pids "${WS_PID}" "${WS_LAUNCHER_PID}"
  done
  local ready_stats
  ready_stats="$(printf '%s\n' "${samples[@]}" | sort -n | awk '
    { v[NR] = $1 } END { printf "median %.1f ms (min %.1f, max %.1f, n=%d)", v[int((NR + 1) / 2)], v[1], v[NR], NR }')"

  # Report.
  echo
  echo "| scenario | req/s | p50 | p99 | % of ceiling |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  local w
  for w in "${WARNINGS[@]}"; do echo; echo "WARNING: ${w}"; done
  echo
  echo "wrk: ${BENCH_THREADS} threads, ${BENCH_CONNECTIONS} connections, ${BENCH_SECONDS}s per scenario, loopback, $(nproc) CPUs"
  echo "idle RSS, fresh server right after ready: $(kib_to_mib "${fresh_rss}") MiB"
  echo "idle RSS, after the wrk runs + 1 s idle: $(kib_to_mib "${loaded_rss}") MiB"
  echo "start to ready (empty data dir): first ${first_ready_ms} ms; ${ready_stats}"
  for w in "${NOTES[@]}"; do echo "${w}"; done
}

main "$@"
