// Generates src/api/schema.d.ts from docs/openapi.yaml with openapi-typescript,
// so the client's types come from the server's contract.
//
//   node scripts/gen-api.mjs           write src/api/schema.d.ts  (npm run gen:api)
//   node scripts/gen-api.mjs --check   exit 1 when the committed file is stale
//
// src/api/schema.test.ts runs the check with `npm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const spec = new URL('../../docs/openapi.yaml', import.meta.url);
const target = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from docs/openapi.yaml by openapi-typescript (npm run gen:api).
 * Do not edit: change docs/openapi.yaml and run \`npm run gen:api\` in web/.
 */

`;

export async function generate() {
  const ast = await openapiTS(spec, {
    // `type: object` without properties (event data, audit data) is an open
    // record, not an object that must stay empty.
    emptyObjectsUnknown: true,
    silent: true,
  });
  return HEADER + astToString(ast);
}

async function main() {
  const text = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // Missing counts as stale.
    }
    if (current !== text) {
      console.error('web/src/api/schema.d.ts is stale: docs/openapi.yaml changed. Run `npm run gen:api` in web/.');
      process.exitCode = 1;
      return;
    }
    console.log('web/src/api/schema.d.ts matches docs/openapi.yaml');
    return;
  }
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
