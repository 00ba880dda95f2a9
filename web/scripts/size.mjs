// Gzip size of the JavaScript the sign-in page needs: the entry chunk, the
// sign-in route chunk and everything they import statically. Run after build.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// `node scripts/size.mjs [DIST]`: dist/ by default.
const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const signIn = Object.keys(manifest).find((k) => k.endsWith('pages/auth/SignIn.tsx'));
if (!entry || !signIn) throw new Error('entry or sign-in chunk not found in the manifest');

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
let raw = 0;
let gz = 0;
for (const key of closure([entry, signIn])) {
  const bytes = readFileSync(join(dist, manifest[key].file));
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += g;
  console.log(`${manifest[key].file.padEnd(44)} ${kib(bytes.length).padStart(10)} ${kib(g).padStart(10)} gzip`);
}
console.log(`sign-in page JS total: ${kib(raw)} raw, ${kib(gz)} gzip (budget 150 KiB gzip)`);
if (gz >= 150 * 1024) process.exitCode = 1;
