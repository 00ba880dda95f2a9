/** The text of src/api/schema.d.ts as generated from docs/openapi.yaml now. */
export function generate(): Promise<string>;
