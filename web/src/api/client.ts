import type { AuthAnswer, ErrorEnvelope } from './types';

/** A failed API call, parsed from the error envelope (or made up for network failures). */
export class ApiError extends Error {
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The envelope's `code`, e.g. `validation_failed`, `totp_required`, `network_error`. */
  readonly code: string;
  /** Per-field messages from a 422, keyed by request field name. */
  readonly fields: Record<string, string>;
  readonly requestId: string | null;
  /** Seconds from `Retry-After` on a 429, when the server sent it. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    requestId?: string | null;
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }
}

export const NETWORK_ERROR_MESSAGE = "Can't reach the server. Check your connection and try again.";

const FALLBACK_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
};

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Builds an `ApiError` from a non-2xx response, reading the envelope when there is one. */
export async function toApiError(res: Response): Promise<ApiError> {
  const headerId = res.headers.get('X-Request-Id');
  const retryHeader = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  const retryAfter = Number.isFinite(retryHeader) ? retryHeader : null;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): fall back below.
  }
  if (isEnvelope(body)) {
    const fields = body.error.fields;
    return new ApiError({
      status: res.status,
      code: body.error.code,
      message: body.error.message,
      fields: fields && typeof fields === 'object' ? fields : {},
      requestId: body.request_id ?? headerId,
      retryAfter,
    });
  }
  return new ApiError({
    status: res.status,
    code: FALLBACK_CODES[res.status] ?? (res.status >= 500 ? 'internal' : 'http_error'),
    message: `The server answered with status ${res.status}.`,
    requestId: headerId,
    retryAfter,
  });
}

function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network_error', message: NETWORK_ERROR_MESSAGE });
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Reads a cookie visible to scripts (`ws_csrf` is; `ws_refresh` is HttpOnly and never is). */
export function readDocumentCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Runs `fn` under a lock shared by all tabs, so two tabs never present the same refresh token. */
function crossTabLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // lib.dom types the answer as Promise<Promise<T>>; the lock resolves with fn's result.
  return locks ? (locks.request('workstead-refresh', fn) as unknown as Promise<T>) : fn();
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * `false` for routes that work without a session (login, register, password reset):
   * no bearer token and no silent refresh, so a 401 there reaches the caller as is.
   */
  auth?: boolean;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  readCookie?: (name: string) => string | null;
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

type Listener<T> = (value: T) => void;

/**
 * The fetch-based client of `/api/v1`. The access token lives only in memory;
 * the refresh token is the HttpOnly `ws_refresh` cookie, used by `refresh()`.
 */
export class ApiClient {
  private token: string | null = null;
  private refreshing: Promise<AuthAnswer> | null = null;
  private readonly sessionListeners = new Set<Listener<AuthAnswer>>();
  private readonly signOutListeners = new Set<Listener<void>>();
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly readCookie: (name: string) => string | null;
  private readonly lock: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '/api/v1';
    // Looked up on each call so tests can replace the global fetch after construction.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.readCookie = options.readCookie ?? readDocumentCookie;
    this.lock = options.lock ?? crossTabLock;
  }

  get accessToken(): string | null {
    return this.token;
  }

  /**
   * Whether a refresh can work: the server sets the readable `ws_csrf` cookie
   * with the HttpOnly refresh cookie (same lifetime) and clears both on sign-out,
   * and a refresh without it fails the CSRF check anyway. Checking first spares
   * signed-out visitors a request that can only answer 401.
   */
  mayHaveSession(): boolean {
    return this.readCookie('ws_csrf') !== null;
  }

  /** Stores the access token of a login/register/refresh answer and tells the listeners. */
  setSession(answer: AuthAnswer): void {
    this.token = answer.access_token;
    for (const fn of this.sessionListeners) fn(answer);
  }

  /** Forgets the access token locally and tells the listeners (the app shows sign-in). */
  signOut(): void {
    this.token = null;
    for (const fn of this.signOutListeners) fn();
  }

  onSession(fn: Listener<AuthAnswer>): () => void {
    this.sessionListeners.add(fn);
    return () => this.sessionListeners.delete(fn);
  }

  onSignOut(fn: Listener<void>): () => void {
    this.signOutListeners.add(fn);
    return () => this.signOutListeners.delete(fn);
  }

  /** Revokes the session on the server (best effort) and signs out locally. */
  async logout(): Promise<void> {
    try {
      await this.request<void>('/auth/logout', { method: 'POST' });
    } catch {
      // Signing out locally must work even when the server is unreachable.
    }
    this.signOut();
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share
   * one request; a rejected refresh signs out (a network failure does not, since
   * the session may still be valid).
   */
  refresh(): Promise<AuthAnswer> {
    if (!this.refreshing) {
      this.refreshing = this.lock(() => this.doRefresh()).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<AuthAnswer> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url('/auth/refresh'), {
        method: 'POST',
        credentials: 'include',
        headers: { Accept: 'application/json', ...this.csrfHeader() },
      });
    } catch {
      throw networkError();
    }
    if (!res.ok) {
      const err = await toApiError(res);
      this.signOut();
      throw err;
    }
    const answer = await parse<AuthAnswer>(res);
    this.setSession(answer);
    return answer;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const useSession = options.auth !== false;
    const sentWith = this.token;
    let res = await this.send(path, options, useSession);
    if (useSession && res.status === 401) {
      const err = await toApiError(res);
      if (err.code !== 'unauthorized') throw err;
      // Another request may already have refreshed while this one was in flight.
      if (this.token === null || this.token === sentWith) {
        try {
          await this.refresh();
        } catch (refreshError) {
          throw refreshError instanceof ApiError && refreshError.code === 'network_error' ? refreshError : err;
        }
      }
      res = await this.send(path, options, true);
    }
    return parse<T>(res);
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { query, signal });
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'POST', body });
  }

  patch<T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'PATCH', body });
  }

  delete<T = void>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: 'DELETE' });
  }

  private csrfHeader(): Record<string, string> {
    const csrf = this.readCookie('ws_csrf');
    return csrf ? { 'X-CSRF-Token': csrf } : {};
  }

  private url(path: string, query?: Query): string {
    let url = this.baseUrl + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  private async send(path: string, options: RequestOptions, withBearer: boolean): Promise<Response> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (withBearer && this.token) headers.Authorization = `Bearer ${this.token}`;
    // Writes ride on the cookies too (refresh cookie on /auth), so they carry the double-submit token.
    if (method !== 'GET') Object.assign(headers, this.csrfHeader());
    try {
      return await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body,
        credentials: 'include',
        signal: options.signal,
      });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw networkError();
    }
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (!res.ok) throw await toApiError(res);
  const text = res.status === 204 ? '' : await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      code: 'bad_response',
      message: 'The server sent an answer the app cannot read.',
      requestId: res.headers.get('X-Request-Id'),
    });
  }
}

/** The app's one client. */
export const api = new ApiClient();
