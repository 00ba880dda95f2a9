#!/usr/bin/env bash
# `make run`: install what is missing, build the web app and the release
# binary, then start Workstead on SQLite with ./data (prints the URL).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/build-web.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/workstead serve "$@"
