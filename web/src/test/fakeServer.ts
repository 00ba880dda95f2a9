import { vi } from 'vitest';
import type { AuthAnswer, User } from '../api/types';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

export type Handler = (req: FakeRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-header', ...headers },
  });
}

/** A response carrying the API's error envelope. */
export function apiError(status: number, code: string, message: string, fields?: Record<string, string>): Response {
  return json(status, { error: { code, message, ...(fields ? { fields } : {}) }, request_id: 'req-envelope' });
}

export const ada: User = {
  id: '01930000-0000-7000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  timezone: 'Europe/London',
  locale: 'en',
  is_instance_admin: true,
  is_active: true,
  email_verified: true,
  totp_enabled: false,
  created_at: '2026-11-21T19:56:33.689Z',
};

export function authAnswer(token = 'access-1', user: User = ada): AuthAnswer {
  return { user, access_token: token, token_type: 'Bearer', expires_in: 900 };
}

/**
 * A `fetch` double routing "METHOD /path" (path without /api/v1) to handlers;
 * anything else answers 404 in the API's envelope.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  return vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const handler = routes[`${method} ${path}`];
    if (!handler) return apiError(404, 'not_found', `no fake for ${method} ${path}`);
    return handler({
      method,
      path,
      query: url.searchParams,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    });
  });
}

/**
 * The readable `ws_csrf` cookie the server sets with the refresh cookie: with
 * it the app tries the start-up refresh (a reload of a signed-in tab).
 */
export function setSessionCookie(value = 'csrf-test'): void {
  document.cookie = `ws_csrf=${value}; path=/`;
}

export function clearSessionCookie(): void {
  document.cookie = 'ws_csrf=; path=/; max-age=0';
}
