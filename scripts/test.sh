#!/usr/bin/env bash
# `make test`: install what is missing, build everything with ASan+UBSan,
# start the services the tests talk to (a private PostgreSQL cluster on a
# free local port), run every suite, and stop the services again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

scripts/install-deps.sh

echo "== format check (clang-format 14, .clang-format)"
find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format --dry-run --Werror

scripts/build-web.sh

echo "== web unit tests"
(cd web && npm test --silent)

echo "== build (dev: Debug + ASan + UBSan)"
cmake --preset dev >/dev/null
cmake --build --preset dev

services=$(mktemp -d)
chmod 755 "${services}"  # the postgres user must reach the cluster folder
cleanup() {
  scripts/pg-test-cluster.sh stop "${services}/pg" >/dev/null 2>&1 || true
  rm -rf "${services}"
}
trap cleanup EXIT
mkdir -p "${services}/pg"
WS_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "${services}/pg")
export WS_TEST_PG_URL
echo "== PostgreSQL test cluster at ${WS_TEST_PG_URL}"

export WS_BINARY="${root}/build/dev/workstead"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "== C++ suites (unit, API on SQLite, API on PostgreSQL)"
ctest --preset dev --output-on-failure -j2

echo "== browser suite (web/e2e: workstead serve + Debian Chromium)"
scripts/e2e.sh
