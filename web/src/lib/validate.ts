// Client-side checks that mirror the server's rules (API.md), so most mistakes
// are caught before a round trip. The server stays the authority.

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function checkEmail(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an email address.';
  if (!EMAIL_RE.test(v)) return 'Enter a valid email address, like name@example.com.';
  return undefined;
}

export function checkPassword(value: string): string | undefined {
  // Count code points, not UTF-16 units, so emoji count as one character.
  const length = [...value].length;
  if (length === 0) return 'Enter a password.';
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function checkRequired(value: string, message: string): string | undefined {
  return value.trim() ? undefined : message;
}

export function checkConfirmation(password: string, confirmation: string): string | undefined {
  if (!confirmation) return 'Repeat the password.';
  return password === confirmation ? undefined : 'The passwords do not match.';
}

/** A TOTP code (6 digits) or a recovery code (anything else that is not blank). */
export function checkSecondFactor(value: string): string | undefined {
  const v = value.replace(/\s/g, '');
  if (!v) return 'Enter the code from your authenticator app.';
  if (/^\d+$/.test(v) && v.length !== 6) return 'The code has 6 digits.';
  return undefined;
}

export function checkTotpCode(value: string): string | undefined {
  const v = value.replace(/\s/g, '');
  if (!v) return 'Enter the 6-digit code.';
  return /^\d{6}$/.test(v) ? undefined : 'The code has 6 digits.';
}
