import { describe, expect, it, vi } from 'vitest';
import { apiError, authAnswer, fakeFetch, json, type Handler } from '../test/fakeServer';
import { ApiClient, ApiError, NETWORK_ERROR_MESSAGE } from './client';

function client(routes: Record<string, Handler>, csrf: string | null = 'csrf-123') {
  const fetch = fakeFetch(routes);
  const api = new ApiClient({ fetch, readCookie: (name) => (name === 'ws_csrf' ? csrf : null) });
  return { api, fetch };
}

/** A promise the test settles by hand, to hold a request in flight. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Answers 200 only to `Bearer <token>`, else 401 unauthorized. */
function guarded(token: string, body: unknown = { ok: true }): Handler {
  return (req) =>
    req.headers.Authorization === `Bearer ${token}`
      ? json(200, body)
      : apiError(401, 'unauthorized', 'access token expired');
}

describe('ApiClient requests', () => {
  it('sends the bearer token and parses JSON', async () => {
    const { api, fetch } = client({ 'GET /me': guarded('access-1', { id: 'u1' }) });
    api.setSession(authAnswer('access-1'));
    await expect(api.get('/me')).resolves.toEqual({ id: 'u1' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/v1/me');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
  });

  it('builds the query string and leaves out empty values', async () => {
    const { api, fetch } = client({ 'GET /admin/users': () => json(200, { items: [], next_cursor: null }) });
    await api.get('/admin/users', { q: 'ada lo', cursor: undefined, type: '', limit: 50 });
    expect(fetch.mock.calls[0]![0]).toBe('/api/v1/admin/users?q=ada+lo&limit=50');
  });

  it('answers undefined for 204', async () => {
    const { api } = client({ 'DELETE /me/tokens/t1': () => json(204, null) });
    await expect(api.delete('/me/tokens/t1')).resolves.toBeUndefined();
  });

  it('parses the error envelope into an ApiError', async () => {
    const { api } = client({
      'PATCH /me': () => apiError(422, 'validation_failed', 'name must not be empty', { name: 'must not be empty' }),
    });
    const err = await api.patch('/me', { name: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'name must not be empty',
      fields: { name: 'must not be empty' },
      requestId: 'req-envelope',
    });
  });

  it('falls back to the status when the body is not an envelope', async () => {
    const { api } = client({
      'GET /meta': () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'X-Request-Id': 'rid-9' } }),
    });
    const err = (await api.get('/meta').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 502, code: 'internal', requestId: 'rid-9', fields: {} });
  });

  it('reads Retry-After on 429', async () => {
    const { api } = client({
      'POST /auth/login': () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
          status: 429,
          headers: { 'Retry-After': '120' },
        }),
    });
    const err = (await api.post('/auth/login', {}, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 120 });
  });

  it('turns a network failure into network_error', async () => {
    const fetch = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    const api = new ApiClient({ fetch });
    const err = (await api.get('/meta').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, code: 'network_error', message: NETWORK_ERROR_MESSAGE });
  });

  it('lets an abort through as an abort', async () => {
    const fetch = vi.fn().mockRejectedValue(new DOMException('aborted', 'AbortError'));
    const api = new ApiClient({ fetch });
    await expect(api.get('/meta')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends X-CSRF-Token from the ws_csrf cookie on writes, not on reads', async () => {
    const ok = () => json(200, {});
    const { api, fetch } = client({ 'GET /me': ok, 'POST /me/tokens': ok, 'PATCH /me': ok, 'DELETE /me/tokens/x': ok });
    await api.get('/me');
    await api.post('/me/tokens', { name: 'ci' });
    await api.patch('/me', { name: 'A' });
    await api.delete('/me/tokens/x');
    const csrf = fetch.mock.calls.map(([, init]) => (init?.headers as Record<string, string>)['X-CSRF-Token']);
    expect(csrf).toEqual([undefined, 'csrf-123', 'csrf-123', 'csrf-123']);
    expect(fetch.mock.calls.every(([, init]) => init?.credentials === 'include')).toBe(true);
  });

  it('does not send X-CSRF-Token when there is no cookie', async () => {
    const { api, fetch } = client({ 'POST /me/tokens': () => json(201, {}) }, null);
    await api.post('/me/tokens', { name: 'ci' });
    expect((fetch.mock.calls[0]![1]?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });
});

describe('ApiClient silent refresh', () => {
  it('refreshes once on 401 unauthorized and retries the request with the new token', async () => {
    const { api, fetch } = client({
      'GET /me': guarded('access-2', { id: 'u1' }),
      'POST /auth/refresh': () => json(200, authAnswer('access-2')),
    });
    const onSession = vi.fn();
    api.onSession(onSession);
    api.setSession(authAnswer('access-1'));

    await expect(api.get('/me')).resolves.toEqual({ id: 'u1' });

    const calls = fetch.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`);
    expect(calls).toEqual(['GET /api/v1/me', 'POST /api/v1/auth/refresh', 'GET /api/v1/me']);
    const refreshInit = fetch.mock.calls[1]![1]!;
    expect(refreshInit.credentials).toBe('include');
    expect((refreshInit.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
    expect((fetch.mock.calls[2]![1]!.headers as Record<string, string>).Authorization).toBe('Bearer access-2');
    expect(api.accessToken).toBe('access-2');
    expect(onSession).toHaveBeenLastCalledWith(expect.objectContaining({ access_token: 'access-2' }));
  });

  it('shares one refresh between concurrent 401s', async () => {
    const gate = deferred<void>();
    let refreshes = 0;
    const { api } = client({
      'GET /me': guarded('access-2', { id: 'u1' }),
      'GET /me/tokens': guarded('access-2', { items: [] }),
      'GET /auth/sessions': guarded('access-2', { items: [] }),
      'POST /auth/refresh': async () => {
        refreshes += 1;
        await gate.promise;
        return json(200, authAnswer('access-2'));
      },
    });
    api.setSession(authAnswer('access-1'));

    const all = Promise.all([api.get('/me'), api.get('/me/tokens'), api.get('/auth/sessions')]);
    await vi.waitFor(() => expect(refreshes).toBe(1));
    gate.resolve();

    await expect(all).resolves.toEqual([{ id: 'u1' }, { items: [] }, { items: [] }]);
    expect(refreshes).toBe(1);
  });

  it('does not refresh again when another request already did', async () => {
    let refreshes = 0;
    const { api } = client({
      'GET /me': guarded('access-2'),
      'POST /auth/refresh': () => {
        refreshes += 1;
        return json(200, authAnswer('access-2'));
      },
    });
    api.setSession(authAnswer('access-1'));
    await api.get('/me');
    await api.get('/me');
    expect(refreshes).toBe(1);
  });

  it('retries only once: a second 401 reaches the caller', async () => {
    let refreshes = 0;
    const { api, fetch } = client({
      'GET /me': () => apiError(401, 'unauthorized', 'nope'),
      'POST /auth/refresh': () => {
        refreshes += 1;
        return json(200, authAnswer('access-2'));
      },
    });
    api.setSession(authAnswer('access-1'));
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(refreshes).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('signs out when the refresh is refused', async () => {
    const { api } = client({
      'GET /me': guarded('never'),
      'POST /auth/refresh': () => apiError(401, 'unauthorized', 'refresh token revoked'),
    });
    const onSignOut = vi.fn();
    api.onSignOut(onSignOut);
    api.setSession(authAnswer('access-1'));

    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(onSignOut).toHaveBeenCalledTimes(1);
    expect(api.accessToken).toBeNull();
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const { api, fetch } = client({ 'GET /me': guarded('never') });
    fetch.mockImplementationOnce(async () => apiError(401, 'unauthorized', 'expired'));
    fetch.mockImplementationOnce(async () => {
      throw new TypeError('Failed to fetch');
    });
    const onSignOut = vi.fn();
    api.onSignOut(onSignOut);
    api.setSession(authAnswer('access-1'));

    await expect(api.get('/me')).rejects.toMatchObject({ code: 'network_error' });
    expect(onSignOut).not.toHaveBeenCalled();
    expect(api.accessToken).toBe('access-1');
  });

  it('never refreshes for other 401 codes or for auth: false routes', async () => {
    const { api, fetch } = client({
      'POST /auth/login': () => apiError(401, 'totp_required', 'second factor required'),
      'GET /me': () => apiError(401, 'totp_required', 'odd'),
    });
    await expect(api.post('/auth/login', { email: 'a@b.c', password: 'x' }, { auth: false })).rejects.toMatchObject({
      code: 'totp_required',
    });
    await expect(api.get('/me')).rejects.toMatchObject({ code: 'totp_required' });
    expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/auth/refresh'))).toBe(false);
  });

  it('does not send the bearer token to auth: false routes', async () => {
    const { api, fetch } = client({ 'POST /auth/login': () => json(200, authAnswer('access-9')) });
    api.setSession(authAnswer('access-1'));
    await api.post('/auth/login', { email: 'a@b.c', password: 'x' }, { auth: false });
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('logout posts /auth/logout with the token and CSRF header, then signs out locally', async () => {
    const { api, fetch } = client({ 'POST /auth/logout': () => json(204, null) });
    const onSignOut = vi.fn();
    api.onSignOut(onSignOut);
    api.setSession(authAnswer('access-1'));
    await api.logout();
    const headers = fetch.mock.calls[0]![1]!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer access-1');
    expect(headers['X-CSRF-Token']).toBe('csrf-123');
    expect(onSignOut).toHaveBeenCalled();
    expect(api.accessToken).toBeNull();
  });

  it('logout still signs out locally when the server is unreachable', async () => {
    const api = new ApiClient({ fetch: vi.fn().mockRejectedValue(new TypeError('offline')) });
    api.setSession(authAnswer('access-1'));
    await api.logout();
    expect(api.accessToken).toBeNull();
  });
});
