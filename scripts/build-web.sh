#!/usr/bin/env bash
# Builds the web app into web/dist (npm ci + vite build) and precompresses
# it, so the server can embed it and send br/gzip without work per request.
# The new build is made in web/dist.new and swapped in at the end, so a
# server build embedding web/dist at the same moment never sees half of it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.workstead-lock
if [[ ! -f ${stamp} ]] || ! cmp -s package-lock.json "${stamp}"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "${stamp}"
fi
rm -rf dist.new dist.old
npm run --silent typecheck
npx --no-install vite build --outDir dist.new --emptyOutDir --logLevel warn
find dist.new -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  -size +1k | while read -r f; do
  gzip -9 -k -f -n "$f"
  brotli -q 11 -f -k "$f"
done
if [[ -d dist ]]; then mv dist dist.old; fi
mv dist.new dist
rm -rf dist.old
