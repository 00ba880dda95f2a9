// Project keys: 2 to 10 upper-case letters A-Z (the server's rule, routes.cpp),
// the prefix of every task key (`WEB-12`).

export const KEY_MIN = 2;
export const KEY_MAX = 10;
export const PROJECT_NAME_MAX = 100;
export const PROJECT_DESCRIPTION_MAX = 10_000;

/** Letters A-Z of `text`: accents dropped (é → E), everything else removed. */
function letters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * A key suggested from a project name: the initials of several words ("Mobile
 * App" → MA, "Customer Support Portal" → CSP), or the start of a single word
 * ("Website" → WEB). Always 2–10 letters, or '' when the name has too few letters.
 */
export function suggestKey(name: string): string {
  const words = name
    .split(/[^\p{L}\p{N}]+/u)
    .map(letters)
    .filter(Boolean);
  const all = words.join('');
  if (all.length < KEY_MIN) return '';
  if (words.length >= 2) {
    const initials = words.map((w) => w[0]).join('');
    if (initials.length >= KEY_MIN) return initials.slice(0, KEY_MAX);
  }
  return all.slice(0, all.length <= 4 ? 4 : 3);
}

/** What a person types into the key field, made upper-case; other characters stay so the check can name them. */
export function normalizeKeyInput(value: string): string {
  return value.toUpperCase().replace(/\s/g, '');
}

export function checkProjectKey(key: string): string | undefined {
  if (!key) return 'Enter a key.';
  if (!/^[A-Z]+$/.test(key)) return 'Use only the letters A to Z.';
  if (key.length < KEY_MIN || key.length > KEY_MAX) return `Use ${KEY_MIN} to ${KEY_MAX} letters.`;
  return undefined;
}

export function checkProjectName(name: string): string | undefined {
  const n = name.trim();
  if (!n) return 'Enter a name.';
  if ([...n].length > PROJECT_NAME_MAX) return `Use at most ${PROJECT_NAME_MAX} characters.`;
  return undefined;
}

export function checkProjectDescription(description: string): string | undefined {
  return [...description].length > PROJECT_DESCRIPTION_MAX ? `Use at most ${PROJECT_DESCRIPTION_MAX} characters.` : undefined;
}
