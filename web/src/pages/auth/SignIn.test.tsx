import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, NETWORK_ERROR_MESSAGE } from '../../api/client';
import type { Meta } from '../../api/types';
import { ada, apiError, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

const meta: Meta = { version: '0.1.0', registration: 'open', oidc_providers: [], setup_required: false };

/** The server at start-up: meta answers, and there is no session to refresh. */
function serve(routes: Record<string, Handler>) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, meta),
    'POST /auth/refresh': () => apiError(401, 'unauthorized', 'no refresh token'),
    ...routes,
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function loginBodies(fetch: ReturnType<typeof fakeFetch>) {
  return fetch.mock.calls
    .filter(([url]) => String(url) === '/api/v1/auth/login')
    .map(([, init]) => JSON.parse(String(init?.body)) as Record<string, string>);
}

async function fillCredentials(user: ReturnType<typeof userEvent.setup>, password = 'correct horse battery') {
  await user.type(await screen.findByTestId('login-email'), 'ada@example.com');
  await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

beforeEach(() => {
  api.signOut();
});

describe('sign in', () => {
  it('asks for the second factor on totp_required and re-posts email, password and code', async () => {
    const fetch = serve({
      'POST /auth/login': (req) => {
        const body = req.body as { totp_code?: string };
        if (!body.totp_code) return apiError(401, 'totp_required', 'second factor required');
        return body.totp_code === '123456'
          ? json(200, authAnswer('access-1'))
          : apiError(401, 'unauthorized', 'wrong code');
      },
    });
    const user = userEvent.setup();
    renderApp('/sign-in');

    await fillCredentials(user);
    const code = await screen.findByTestId('login-totp');
    expect(screen.getByText('Two-step verification')).toBeInTheDocument();

    // A wrong code shows the error next to the code field and keeps the step.
    await user.type(code, '000000');
    await user.click(screen.getByTestId('login-totp-submit'));
    await waitFor(() => expect(screen.getByTestId('login-totp')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('login-totp')).toHaveAccessibleDescription(/That code did not work/);

    await user.clear(screen.getByTestId('login-totp'));
    await user.type(screen.getByTestId('login-totp'), '123 456');
    await user.click(screen.getByTestId('login-totp-submit'));

    expect(await screen.findByText('Welcome, Ada')).toBeInTheDocument();
    expect(loginBodies(fetch)).toEqual([
      { email: 'ada@example.com', password: 'correct horse battery' },
      { email: 'ada@example.com', password: 'correct horse battery', totp_code: '000000' },
      { email: 'ada@example.com', password: 'correct horse battery', totp_code: '123456' },
    ]);
    expect(api.accessToken).toBe('access-1');
  });

  it('accepts a recovery code in the second step', async () => {
    const fetch = serve({
      'POST /auth/login': (req) =>
        (req.body as { totp_code?: string }).totp_code === 'abcd-efgh'
          ? json(200, authAnswer())
          : apiError(401, 'totp_required', 'second factor required'),
    });
    const user = userEvent.setup();
    renderApp('/sign-in');
    await fillCredentials(user);
    await user.type(await screen.findByTestId('login-totp'), 'abcd-efgh');
    await user.click(screen.getByTestId('login-totp-submit'));
    expect(await screen.findByText('Welcome, Ada')).toBeInTheDocument();
    expect(loginBodies(fetch)[1]).toMatchObject({ totp_code: 'abcd-efgh' });
  });

  it('shows the server field errors next to the right input and keeps what was typed', async () => {
    serve({
      'POST /auth/login': () =>
        apiError(422, 'validation_failed', 'email is not valid', { email: 'is not a valid address' }),
    });
    const user = userEvent.setup();
    renderApp('/sign-in');
    await fillCredentials(user);

    const email = screen.getByTestId('login-email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('Is not a valid address');
    expect(screen.getByTestId('login-password')).not.toHaveAttribute('aria-invalid');
    expect(email).toHaveValue('ada@example.com');
    expect(screen.getByTestId('login-password')).toHaveValue('correct horse battery');
  });

  it('validates on the client before posting', async () => {
    const fetch = serve({ 'POST /auth/login': () => json(200, authAnswer()) });
    const user = userEvent.setup();
    renderApp('/sign-in');
    await user.type(await screen.findByTestId('login-email'), 'not-an-email');
    await user.click(screen.getByTestId('login-submit'));

    expect(await screen.findByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(loginBodies(fetch)).toHaveLength(0);
  });

  it('says so when the password is wrong', async () => {
    serve({ 'POST /auth/login': () => apiError(401, 'unauthorized', 'invalid credentials') });
    const user = userEvent.setup();
    renderApp('/sign-in');
    await fillCredentials(user, 'wrong password');
    expect(await screen.findByTestId('login-error')).toHaveTextContent('The email address or password is not right.');
    expect(screen.getByTestId('login-password')).toHaveValue('wrong password');
  });

  it('shows a clear message when the server cannot be reached', async () => {
    const fetch = serve({});
    fetch.mockImplementation(async (input: RequestInfo | URL) => {
      if (String(input).endsWith('/auth/login')) throw new TypeError('Failed to fetch');
      if (String(input).endsWith('/meta')) return json(200, meta);
      return apiError(401, 'unauthorized', 'no session');
    });
    const user = userEvent.setup();
    renderApp('/sign-in');
    await fillCredentials(user);
    expect(await screen.findByTestId('login-error')).toHaveTextContent(NETWORK_ERROR_MESSAGE);
  });
});

describe('start-up', () => {
  it('shows the first-run screen while no account exists', async () => {
    serve({ 'GET /meta': () => json(200, { ...meta, setup_required: true }) });
    renderApp('/sign-in');
    expect(await screen.findByRole('heading', { name: 'Create the admin account' })).toBeInTheDocument();
  });

  it('keeps a signed-in person signed in across a reload (silent refresh)', async () => {
    serve({ 'POST /auth/refresh': () => json(200, authAnswer('access-7', { ...ada, name: 'Grace Hopper' })) });
    setSessionCookie();
    renderApp('/');
    expect(await screen.findByText('Welcome, Grace')).toBeInTheDocument();
    expect(api.accessToken).toBe('access-7');
  });

  it('does not try a refresh without the session cookie (a signed-out visitor)', async () => {
    const fetch = serve({});
    renderApp('/sign-in');
    expect(await screen.findByTestId('login-email')).toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).not.toContain('/api/v1/auth/refresh');
  });

  it('signs out quietly when the refresh cookie is no longer valid', async () => {
    const fetch = serve({});
    setSessionCookie();
    renderApp('/');
    expect(await screen.findByTestId('login-email')).toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain('/api/v1/auth/refresh');
    expect(screen.queryByText(/Your session ended/)).toBeNull();
  });

  it('sends a signed-out visitor to sign-in and back afterwards', async () => {
    serve({
      'POST /auth/login': () => json(200, authAnswer()),
      'GET /me': () => json(200, ada),
    });
    const user = userEvent.setup();
    renderApp('/profile');
    await fillCredentials(user);
    expect(await screen.findByRole('heading', { name: 'Profile', level: 1 })).toBeInTheDocument();
  });
});
