#!/usr/bin/env bash
# Install every Debian 12 package needed to build, test, bench and build the web UI.
# Idempotent: apt-get runs only when at least one package is missing.
#
# NOTE: never install Boost 1.74 development headers (libboost-dev,
# libboost-all-dev): they put a second, older Boost into /usr/include next to
# 1.81 and mixing the two breaks the build. We use the versioned 1.81 packages.
set -euo pipefail

packages=(
  # toolchain
  build-essential g++ cmake ninja-build pkg-config git ca-certificates clang-format
  # Boost 1.81 (versioned packages only, see note above)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  # other libraries
  libcli11-dev libtomlplusplus-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libssl-dev libcurl4-openssl-dev libical-dev libjemalloc-dev
  # tests
  libgtest-dev libgmock-dev googletest postgresql redis-server python3-aiosmtpd
  python3-yaml chromium fonts-dejavu-core
  # bench and misc tools
  wrk brotli gzip procps curl
)

# Node.js for the web build, from Debian, only when no node is on PATH.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

# Run privileged commands directly as root, through sudo otherwise.
if [[ ${EUID} -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: must run as root or have sudo available" >&2
  exit 1
fi

is_installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ ${status} == "install ok installed" ]]
}

missing=()
for pkg in "${packages[@]}"; do
  if ! is_installed "${pkg}"; then
    missing+=("${pkg}")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
