import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { ada, apiError, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

// jsdom has no canvas; the real package is exercised in the browser.
vi.mock('qrcode', () => {
  const toDataURL = vi.fn().mockResolvedValue('data:image/png;base64,iVBORw0KGgo=');
  return { default: { toDataURL }, toDataURL };
});

const sessions: Session[] = [
  { id: 's-other', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', ip: '10.0.0.8', created_at: '2026-11-01T10:00:00.000Z', last_used_at: '2026-11-20T10:00:00.000Z', current: false },
  { id: 's-here', user_agent: 'Mozilla/5.0 (Macintosh; Mac OS X 14_0) Chrome/131.0 Safari/537.36', ip: '10.0.0.5', created_at: '2026-11-21T09:00:00.000Z', last_used_at: '2026-11-21T19:00:00.000Z', current: true },
];

function serve(routes: Record<string, Handler>) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, { version: '0.1.0', registration: 'closed', oidc_providers: [] }),
    'POST /auth/refresh': () => json(200, authAnswer('access-1')),
    'GET /auth/sessions': () => json(200, { items: sessions }),
    'GET /me/tokens': () => json(200, { items: [], next_cursor: null }),
    ...routes,
  });
  vi.stubGlobal('fetch', fetch);
  setSessionCookie();
  return fetch;
}

beforeEach(() => {
  api.signOut();
});

describe('security page', () => {
  it('lists sessions with this device marked and revokes another one', async () => {
    const fetch = serve({ 'DELETE /auth/sessions/s-other': () => json(204, null) });
    const user = userEvent.setup();
    renderApp('/security');

    const rows = await screen.findAllByTestId('session-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('session-current')).toHaveTextContent('This device');
    expect(within(rows[0]!).queryByTestId('session-revoke')).toBeNull();

    await user.click(within(rows[1]!).getByTestId('session-revoke'));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(fetch.mock.calls.some(([url, init]) => init?.method === 'DELETE' && String(url) === '/api/v1/auth/sessions/s-other')).toBe(true);
  });

  it('turns on two-step verification and shows the recovery codes once', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `code-${i}`);
    const fetch = serve({
      'POST /auth/totp/setup': () => json(200, { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/Workstead:ada?secret=JBSWY3DPEHPK3PXP' }),
      'POST /auth/totp/enable': (req) =>
        (req.body as { code: string }).code === '654321'
          ? json(200, { recovery_codes: codes })
          : apiError(422, 'validation_failed', 'code is wrong', { code: 'is wrong' }),
      'GET /me': () => json(200, { ...ada, totp_enabled: true }),
    });
    const user = userEvent.setup();
    renderApp('/security');

    await user.click(await screen.findByTestId('totp-setup'));
    expect(await screen.findByTestId('totp-secret')).toHaveTextContent('JBSWY3DPEHPK3PXP');
    expect(await screen.findByTestId('totp-qr')).toHaveAttribute('src', expect.stringMatching(/^data:image\/png/));

    await user.type(screen.getByTestId('totp-code'), '111111');
    await user.click(screen.getByTestId('totp-enable'));
    await waitFor(() => expect(screen.getByTestId('totp-code')).toHaveAccessibleDescription('Is wrong'));

    await user.clear(screen.getByTestId('totp-code'));
    await user.type(screen.getByTestId('totp-code'), '654321');
    await user.click(screen.getByTestId('totp-enable'));

    const list = await screen.findByTestId('recovery-codes');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes);
    await user.click(screen.getByTestId('recovery-codes-done'));
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(await screen.findByTestId('totp-disable')).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([url]) => String(url).endsWith('/auth/totp/enable'))).toHaveLength(2);
  });

  it('creates a personal API token and shows its value once', async () => {
    const fetch = serve({
      'POST /me/tokens': () => json(201, { id: 't1', name: 'backup', token: 'wst_abcdef123456' }),
    });
    const user = userEvent.setup();
    renderApp('/security');

    await user.type(await screen.findByTestId('token-name'), 'backup');
    await user.click(screen.getByTestId('token-create'));
    expect(await screen.findByTestId('token-value')).toHaveTextContent('wst_abcdef123456');

    const post = fetch.mock.calls.find(([url, init]) => String(url) === '/api/v1/me/tokens' && init?.method === 'POST');
    const body = JSON.parse(String(post?.[1]?.body)) as { name: string; expires_at?: string };
    expect(body.name).toBe('backup');
    expect(body.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(screen.getByTestId('token-name')).toHaveValue('');
  });
});
