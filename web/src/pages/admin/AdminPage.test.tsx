import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { AuditEntry, User } from '../../api/types';
import { ada, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

const bob: User = { ...ada, id: '01930000-0000-7000-8000-000000000002', email: 'bob@example.com', name: 'Bob', is_instance_admin: false };

function entry(n: number, type = 'auth.login'): AuditEntry {
  return { id: `e${n}`, type, user_id: ada.id, ip: '10.0.0.5', data: { n }, created_at: '2026-11-21T19:56:33.689Z' };
}

function serve(routes: Record<string, Handler>, me: User = ada) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, { version: '0.1.0', registration: 'closed', oidc_providers: [] }),
    'POST /auth/refresh': () => json(200, authAnswer('access-1', me)),
    ...routes,
  });
  vi.stubGlobal('fetch', fetch);
  setSessionCookie();
  return fetch;
}

beforeEach(() => {
  api.signOut();
});

describe('admin', () => {
  it('is hidden from people who are not instance admins', async () => {
    serve({}, bob);
    renderApp('/admin/users');
    expect(await screen.findByText('Admins only')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-admin')).toBeNull();
  });

  it('searches users and deactivates one after confirming', async () => {
    let bobActive = true;
    const fetch = serve({
      'GET /admin/users': (req) => {
        const q = req.query.get('q') ?? '';
        const all = [ada, { ...bob, is_active: bobActive }];
        return json(200, { items: all.filter((u) => u.email.includes(q)), next_cursor: null });
      },
      'PATCH /admin/users/01930000-0000-7000-8000-000000000002': (req) => {
        bobActive = (req.body as { is_active: boolean }).is_active;
        return json(200, { ...bob, is_active: bobActive });
      },
    });
    const user = userEvent.setup();
    renderApp('/admin/users');

    expect(await screen.findAllByTestId('user-row')).toHaveLength(2);
    await user.type(screen.getByTestId('admin-user-search'), 'bob');
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1));

    await user.click(screen.getByTestId('user-deactivate'));
    await user.click(await screen.findByTestId('user-deactivate-confirm'));
    expect(await screen.findByTestId('user-activate')).toBeInTheDocument();
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ is_active: false });
  });

  it('filters the audit log and loads more pages with next_cursor', async () => {
    const fetch = serve({
      'GET /admin/audit-log': (req) =>
        req.query.get('cursor') === 'c2'
          ? json(200, { items: [entry(3)], next_cursor: null })
          : json(200, { items: [entry(1), entry(2, 'auth.login_failed')], next_cursor: 'c2' }),
    });
    const user = userEvent.setup();
    renderApp('/admin/audit-log');

    expect(await screen.findAllByTestId('audit-row')).toHaveLength(2);
    await user.click(screen.getByTestId('audit-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
    expect(screen.queryByTestId('audit-load-more')).toBeNull();

    await user.type(screen.getByTestId('audit-filter-type'), 'auth.login_failed');
    await user.type(screen.getByTestId('audit-filter-user'), ada.id);
    await user.click(screen.getByTestId('audit-apply'));
    await waitFor(() =>
      expect(fetch.mock.calls.map(([url]) => String(url))).toContain(
        `/api/v1/admin/audit-log?type=auth.login_failed&user_id=${ada.id}`,
      ),
    );

    await user.clear(screen.getByTestId('audit-filter-user'));
    await user.type(screen.getByTestId('audit-filter-user'), 'not-a-uuid');
    await user.click(screen.getByTestId('audit-apply'));
    expect(await screen.findByText(/Enter a user ID/)).toBeInTheDocument();
    expect(within(screen.getByTestId('audit-table')).getAllByTestId('audit-row').length).toBeGreaterThan(0);
  });
});
