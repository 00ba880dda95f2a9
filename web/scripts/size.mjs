// Gzip size of the JavaScript the sign-in page needs: the entry chunk, the
// sign-in route chunk and everything they import statically. Run after build.
// Also reports the board route (/w/:ws/p/:id): entry, shell, workspace layout,
// board and task panel chunks with their static imports (budget 300 KiB gzip).
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

// A module may also end up in a shared chunk ("_AppShell-<hash>.js", named after it).
const find = (suffix) =>
  Object.keys(manifest).find((k) => k.endsWith(suffix)) ??
  Object.keys(manifest).find((k) => k.startsWith('_') && k.endsWith('.js') && manifest[k].name === suffix.split('/').pop().replace(/\.tsx?$/, ''));
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const signIn = find('pages/auth/SignIn.tsx');
if (!entry || !signIn) throw new Error('entry or sign-in chunk not found in the manifest');

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function report(title, keys, budgetKiB, list = true) {
  let raw = 0;
  let gz = 0;
  for (const key of closure(keys)) {
    const bytes = readFileSync(join(dist, manifest[key].file));
    const g = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += g;
    if (list) console.log(`${manifest[key].file.padEnd(44)} ${kib(bytes.length).padStart(10)} ${kib(g).padStart(10)} gzip`);
  }
  console.log(`${title} JS total: ${kib(raw)} raw, ${kib(gz)} gzip (budget ${budgetKiB} KiB gzip)`);
  if (gz >= budgetKiB * 1024) process.exitCode = 1;
}

report('sign-in page', [entry, signIn], 150);

const boardChunks = ['shell/AppShell.tsx', 'pages/workspaces/WorkspaceLayout.tsx', 'pages/board/BoardPage.tsx', 'pages/tasks/TaskPanel.tsx'].map(find);
if (boardChunks.some((k) => !k)) throw new Error('a board route chunk is missing from the manifest');
console.log('');
report('board route (with the task panel)', [entry, ...boardChunks], 300);
