#!/usr/bin/env bash
# Builds the web app into web/dist (npm ci + vite build) and precompresses
# it, so the server can embed it and send br/gzip without work per request.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.workstead-lock
if [[ ! -f ${stamp} ]] || ! cmp -s package-lock.json "${stamp}"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "${stamp}"
fi
npm run --silent build
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  -size +1k | while read -r f; do
  gzip -9 -k -f -n "$f"
  brotli -q 11 -f -k "$f"
done
