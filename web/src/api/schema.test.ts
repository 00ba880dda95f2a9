// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/gen-api.mjs';

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return `line ${i + 1}:\n  committed: ${left[i] ?? '(end)'}\n  generated: ${right[i] ?? '(end)'}`;
  }
  return '';
}

describe('generated API types', () => {
  it('src/api/schema.d.ts matches docs/openapi.yaml (run `npm run gen:api` when this fails)', async () => {
    const committed = readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8');
    const fresh = await generate();
    if (committed !== fresh) {
      expect.fail(`schema.d.ts is stale; run \`npm run gen:api\` in web/.\nFirst difference at ${firstDifference(committed, fresh)}`);
    }
  }, 30_000);
});
