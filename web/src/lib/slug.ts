// Workspace names and addresses (slugs), mirroring the server's rules in
// docs/workspaces.md: names 1–100 characters; slugs 3–40 characters of a-z 0-9
// and '-', not starting or ending with '-'.

export const NAME_MAX = 100;

export function checkWorkspaceName(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter a name.';
  return [...v].length > NAME_MAX ? `Use at most ${NAME_MAX} characters.` : undefined;
}

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;
const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export function checkSlug(value: string): string | undefined {
  const v = value.trim();
  if (v.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters.`;
  if (v.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters.`;
  if (/[^a-z0-9-]/.test(v)) return 'Use only lower-case letters a–z, digits and hyphens.';
  if (!SLUG_RE.test(v)) return 'Start and end with a letter or a digit.';
  return undefined;
}

/**
 * The slug the server derives from a name when none is given: lower-cased
 * ASCII letters and digits, every other run of characters one '-', `workspace`
 * when nothing is left, `-ws` appended below 3 characters. (The server may add
 * `-2`, `-3`, … when it is taken.)
 */
export function deriveSlug(name: string): string {
  // ASCII only, like the server: toLowerCase() would turn 'İ' or 'K' (Kelvin) into ASCII letters.
  let slug = name
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) slug = slug.slice(0, SLUG_MAX).replace(/-+$/, '');
  if (!slug) return 'workspace';
  if (slug.length < SLUG_MIN) slug = `${slug}-ws`;
  return slug;
}

/** Keeps typing in a slug field friendly: lower-case, spaces and underscores become '-'. */
export function normalizeSlugInput(value: string): string {
  return value.toLowerCase().replace(/[\s_]+/g, '-');
}
