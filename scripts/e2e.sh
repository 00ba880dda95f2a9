#!/usr/bin/env bash
# The browser suite (web/e2e): starts a real `workstead serve` on a free local
# port with a temporary data folder (SQLite, mail to DATA/outbox), drives
# Debian's Chromium (/usr/bin/chromium) through playwright-core, and stops the
# server again. Builds only what is missing: web/node_modules, web/dist, the
# server binary.
#
#   WS_BINARY        server binary (default build/dev/workstead)
#   WS_E2E_WEB_DIR   web app folder to serve (default web/dist; "embedded" for
#                    the copy built into the binary)
#   WS_E2E_CHROMIUM  browser (default /usr/bin/chromium)
#   WS_E2E_ARTIFACTS screenshots (default web/e2e-artifacts, git-ignored)
#   WS_E2E_ONLY      run only this test file (e.g. web/e2e/board.test.mjs)
#
# Every web/e2e/*.test.mjs gets its own fresh server and data folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

binary=${WS_BINARY:-${root}/build/dev/workstead}
web_dir=${WS_E2E_WEB_DIR:-${root}/web/dist}
chromium=${WS_E2E_CHROMIUM:-/usr/bin/chromium}
artifacts=${WS_E2E_ARTIFACTS:-${root}/web/e2e-artifacts}

if [[ ! -x ${chromium} ]]; then
  echo "e2e: ${chromium} is missing; run scripts/install-deps.sh (Debian package chromium)" >&2
  exit 1
fi
if [[ ! -d web/node_modules/playwright-core ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ ${web_dir} != embedded && ! -f ${web_dir}/index.html ]]; then
  scripts/build-web.sh
fi
if [[ ! -x ${binary} ]]; then
  if [[ -n ${WS_BINARY:-} ]]; then
    echo "e2e: WS_BINARY=${WS_BINARY} does not exist" >&2
    exit 1
  fi
  cmake --preset dev >/dev/null
  cmake --build --preset dev --target workstead
fi

rm -rf "${artifacts}"
mkdir -p "${artifacts}"

# Each web/e2e/*.test.mjs runs against its own fresh server (every file starts
# with a first run); workstead.test.mjs first, then the others by name.
files=(web/e2e/workstead.test.mjs)
for f in web/e2e/*.test.mjs; do
  [[ ${f} == web/e2e/workstead.test.mjs ]] || files+=("${f}")
done
if [[ -n ${WS_E2E_ONLY:-} ]]; then files=("${WS_E2E_ONLY}"); fi

server_pid=
work=
stop_server() {
  if [[ -n ${server_pid} ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -TERM "${server_pid}" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "${server_pid}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  server_pid=
  if [[ -n ${work} ]]; then rm -rf "${work}"; fi
  work=
}
trap stop_server EXIT

web_args=()
if [[ ${web_dir} != embedded ]]; then
  web_args=(--web-dir "${web_dir}")
fi

status=0
for file in "${files[@]}"; do
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  base_url="http://127.0.0.1:${port}"
  work=$(mktemp -d /tmp/workstead-e2e.XXXXXX)
  # Only settings the server knows: it refuses unknown WORKSTEAD_* variables.
  env -u WORKSTEAD_CONFIG -u WORKSTEAD_DATABASE_URL -u WORKSTEAD_SMTP_URL \
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "${binary}" serve \
    --listen "127.0.0.1:${port}" \
    --public-url "${base_url}" \
    --data-dir "${work}/data" \
    --log-file "${work}/server.log" \
    "${web_args[@]}" &
  server_pid=$!

  for _ in $(seq 1 300); do
    if curl -fsS "${base_url}/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${server_pid}" 2>/dev/null; then
      echo "e2e: the server exited at start; its log:" >&2
      cat "${work}/server.log" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  curl -fsS "${base_url}/readyz" >/dev/null
  echo "== e2e: ${file}: workstead at ${base_url} (${binary}, web: ${web_dir}), screenshots in ${artifacts}"

  file_status=0
  WS_E2E_BASE_URL="${base_url}" WS_E2E_DATA_DIR="${work}/data" WS_E2E_CHROMIUM="${chromium}" \
    WS_E2E_ARTIFACTS="${artifacts}" \
    node --test --test-reporter=spec "${file}" || file_status=$?

  # The server must have survived everything the browsers sent it.
  if ! kill -0 "${server_pid}" 2>/dev/null; then
    echo "e2e: the server died during ${file}" >&2
    file_status=1
  fi
  if [[ ${file_status} -ne 0 ]]; then
    echo "e2e: ${file} FAILED; last server log lines:" >&2
    tail -n 40 "${work}/server.log" >&2 || true
    status=1
  fi
  stop_server
done
exit "${status}"
