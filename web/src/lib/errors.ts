import { ApiError } from '../api/client';

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The sentence to show a person for a failed call. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Something unexpected went wrong. Try again.';
  switch (err.code) {
    case 'rate_limited':
      return err.retryAfter
        ? `Too many attempts. Try again in ${formatWait(err.retryAfter)}.`
        : 'Too many attempts. Wait a moment and try again.';
    case 'csrf_failed':
      return 'Your session could not be checked. Reload the page and try again.';
    default:
      break;
  }
  if (err.status >= 500) {
    const ref = err.requestId ? ` (reference ${err.requestId})` : '';
    return `The server ran into a problem${ref}. Try again in a moment.`;
  }
  return err.message;
}
