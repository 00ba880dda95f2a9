import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { Member, Workspace } from '../../api/types';
import { ada, apiError, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import { bob, cy, invitation, member, page, team, workspace } from '../../test/workspaceFakes';

const meta = { version: '0.1.0', registration: 'open', oidc_providers: [], setup_required: false };

/** Signed in as Ada (the refresh at start-up works), plus `routes`. */
function serve(routes: Record<string, Handler>, ws: Workspace = workspace()) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, meta),
    'POST /auth/refresh': () => json(200, authAnswer('access-1', ada)),
    'GET /workspaces': () => json(200, page([ws])),
    [`GET /workspaces/${ws.slug}`]: () => json(200, ws),
    [`GET /workspaces/${ws.id}`]: () => json(200, ws),
    [`GET /workspaces/${ws.id}/activity`]: () => json(200, page([])),
    ...routes,
  });
  vi.stubGlobal('fetch', fetch);
  setSessionCookie();
  return fetch;
}

function calls(fetch: ReturnType<typeof fakeFetch>, method: string, path: string) {
  return fetch.mock.calls
    .filter(([url, init]) => (init?.method ?? 'GET') === method && String(url).split('?')[0] === `/api/v1${path}`)
    .map(([, init]) => ({
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    }));
}

function location() {
  return screen.getByTestId('location').textContent;
}

beforeEach(() => {
  api.signOut();
});

describe('create a workspace', () => {
  it('checks the address on the client, shows the server field error and keeps what was typed', async () => {
    const created = workspace({ name: 'Acme', slug: 'acme-2' });
    let attempts = 0;
    const fetch = serve(
      {
        'POST /workspaces': () => {
          attempts += 1;
          return attempts === 1
            ? apiError(409, 'conflict', 'slug is taken', { slug: 'is already taken' })
            : json(201, created);
        },
      },
      created,
    );
    const user = userEvent.setup();
    renderApp('/workspaces/new');

    const name = await screen.findByTestId('workspace-name');
    await user.type(name, 'Acme');
    expect(screen.getByTestId('workspace-slug')).toHaveAttribute('placeholder', 'acme');
    await user.type(screen.getByTestId('workspace-slug'), '-acme');
    await user.click(screen.getByTestId('workspace-create-submit'));
    expect(await screen.findByText('Start and end with a letter or a digit.')).toBeInTheDocument();
    expect(calls(fetch, 'POST', '/workspaces')).toHaveLength(0);

    await user.clear(screen.getByTestId('workspace-slug'));
    await user.type(screen.getByTestId('workspace-slug'), 'Acme');
    expect(screen.getByTestId('workspace-slug')).toHaveValue('acme');
    await user.click(screen.getByTestId('workspace-create-submit'));
    await waitFor(() => expect(screen.getByTestId('workspace-slug')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('workspace-slug')).toHaveAccessibleDescription(/Is already taken/);
    expect(screen.getByTestId('workspace-name')).toHaveValue('Acme');

    await user.clear(screen.getByTestId('workspace-slug'));
    await user.type(screen.getByTestId('workspace-slug'), 'acme-2');
    await user.click(screen.getByTestId('workspace-create-submit'));
    expect(await screen.findByTestId('workspace-title')).toHaveTextContent('Acme');
    await waitFor(() => expect(location()).toBe('/w/acme-2/activity'));
    expect(calls(fetch, 'POST', '/workspaces').map((c) => c.body)).toEqual([
      { name: 'Acme', slug: 'acme' },
      { name: 'Acme', slug: 'acme-2' },
    ]);
  });
});

describe('workspace settings', () => {
  it('sends only what changed, follows a new address, and keeps the input when saving fails', async () => {
    const ws = workspace();
    let fail = true;
    const fetch = serve({
      [`PATCH /workspaces/${ws.id}`]: (req) => {
        if (fail) {
          fail = false;
          return apiError(422, 'validation_failed', 'name is too long', { name: 'must be at most 100 characters' });
        }
        return json(200, { ...ws, ...(req.body as object) });
      },
    });
    const user = userEvent.setup();
    renderApp('/w/acme/settings');

    const name = await screen.findByTestId('settings-name');
    await user.clear(name);
    await user.type(name, 'Acme Labs');
    await user.clear(screen.getByTestId('settings-slug'));
    await user.type(screen.getByTestId('settings-slug'), 'acme labs');
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-name')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('settings-name')).toHaveValue('Acme Labs');
    expect(screen.getByTestId('settings-slug')).toHaveValue('acme-labs');

    await user.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('workspace-saved')).toHaveTextContent('Workspace saved.');
    await waitFor(() => expect(location()).toBe('/w/acme-labs/settings'));
    expect(screen.getByTestId('workspace-title')).toHaveTextContent('Acme Labs');
    expect(calls(fetch, 'PATCH', `/workspaces/${ws.id}`).map((c) => c.body)).toEqual([
      { name: 'Acme Labs', slug: 'acme-labs' },
      { name: 'Acme Labs', slug: 'acme-labs' },
    ]);
  });

  it('is read-only for members and offers deletion only to owners, after typing the name', async () => {
    const ws = workspace({ my_role: 'owner' });
    const fetch = serve({ [`DELETE /workspaces/${ws.id}`]: () => json(204, null) });
    const user = userEvent.setup();
    renderApp('/w/acme/settings');

    await user.click(await screen.findByTestId('workspace-delete'));
    const confirm = await screen.findByTestId('workspace-delete-dialog-confirm');
    expect(confirm).toBeDisabled();
    await user.type(screen.getByTestId('workspace-delete-name'), 'Acme');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(await screen.findByTestId('home-notice')).toHaveTextContent('The workspace Acme was deleted.');
    expect(calls(fetch, 'DELETE', `/workspaces/${ws.id}`)).toHaveLength(1);
  });

  it('shows members the settings without a way to change them', async () => {
    serve({}, workspace({ my_role: 'member' }));
    renderApp('/w/acme/settings');
    expect(await screen.findByTestId('settings-name')).toHaveAttribute('readonly');
    expect(screen.queryByTestId('settings-save')).toBeNull();
    expect(screen.queryByTestId('workspace-delete')).toBeNull();
  });
});

describe('members', () => {
  function membersOf(ws: Workspace, list: Member[], routes: Record<string, Handler> = {}) {
    return serve(
      {
        [`GET /workspaces/${ws.id}/members`]: () => json(200, page(list)),
        [`GET /workspaces/${ws.id}/invitations`]: () => json(200, page([])),
        ...routes,
      },
      ws,
    );
  }

  it('lets an admin change roles (never to or from owner) and remove a member after confirming', async () => {
    const ws = workspace({ my_role: 'admin' });
    let list = [member(cy, 'owner'), member(ada, 'admin'), member(bob, 'member')];
    const fetch = membersOf(ws, list, {
      [`GET /workspaces/${ws.id}/members`]: () => json(200, page(list)),
      [`PATCH /workspaces/${ws.id}/members/${bob.id}`]: (req) => {
        list = list.map((m) => (m.user.id === bob.id ? { ...m, role: (req.body as { role: Member['role'] }).role } : m));
        return json(200, list[2]);
      },
      [`DELETE /workspaces/${ws.id}/members/${bob.id}`]: () => {
        list = list.filter((m) => m.user.id !== bob.id);
        return json(204, null);
      },
    });
    const user = userEvent.setup();
    renderApp('/w/acme/members');

    const rows = await screen.findAllByTestId('member-row');
    expect(rows).toHaveLength(3);
    const [cyRow, , bobRow] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(cyRow).getByTestId('member-role')).toBeDisabled();
    expect(within(cyRow).getByTestId('member-remove')).toBeDisabled();
    const bobRole = within(bobRow).getByTestId('member-role');
    expect(within(bobRole).queryByRole('option', { name: 'Owner' })).toBeNull();

    await user.selectOptions(bobRole, 'manager');
    expect(await screen.findByTestId('members-notice')).toHaveTextContent('Bob Byte is now manager.');
    await waitFor(() => expect(within(screen.getAllByTestId('member-row')[2]!).getByTestId('member-role')).toHaveValue('manager'));
    expect(calls(fetch, 'PATCH', `/workspaces/${ws.id}/members/${bob.id}`).map((c) => c.body)).toEqual([{ role: 'manager' }]);

    await user.click(within(screen.getAllByTestId('member-row')[2]!).getByTestId('member-remove'));
    await user.click(await screen.findByTestId('member-remove-dialog-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(2));
    expect(screen.getByTestId('members-notice')).toHaveTextContent('Bob Byte was removed from the workspace.');
  });

  it('shows the server refusal of a role change and keeps the old role', async () => {
    const ws = workspace({ my_role: 'owner' });
    membersOf(ws, [member(ada, 'owner'), member(bob, 'member')], {
      [`PATCH /workspaces/${ws.id}/members/${bob.id}`]: () => apiError(403, 'forbidden', 'not allowed to change this role'),
    });
    const user = userEvent.setup();
    renderApp('/w/acme/members');
    const bobRole = within((await screen.findAllByTestId('member-row'))[1]!).getByTestId('member-role');
    await user.selectOptions(bobRole, 'admin');
    expect(await screen.findByTestId('member-role-error')).toHaveTextContent('not allowed to change this role');
    expect(bobRole).toHaveValue('member');
  });

  it('does not let the last owner leave or be demoted', async () => {
    const ws = workspace({ my_role: 'owner' });
    membersOf(ws, [member(ada, 'owner'), member(bob, 'member')]);
    renderApp('/w/acme/members');
    const me = (await screen.findAllByTestId('member-row'))[0]!;
    expect(within(me).getByTestId('member-leave')).toBeDisabled();
    expect(within(me).getByTestId('member-leave')).toHaveAttribute('title', expect.stringMatching(/last owner/));
    expect(within(me).getByTestId('member-role')).toBeDisabled();
  });

  it('shows guests the list without role controls, invitations or the activity tab', async () => {
    const ws = workspace({ my_role: 'guest' });
    membersOf(ws, [member(ada, 'guest')]);
    renderApp('/w/acme');
    expect(await screen.findAllByTestId('member-row')).toHaveLength(1);
    expect(location()).toBe('/w/acme/members');
    expect(screen.queryByTestId('member-role')).toBeNull();
    expect(screen.queryByTestId('invitations-card')).toBeNull();
    expect(screen.queryByTestId('ws-tab-activity')).toBeNull();
    expect(screen.queryByTestId('ws-tab-teams')).toBeNull();
  });
});

describe('invitations', () => {
  it('invites by email, keeps the address on a refusal, resends and revokes', async () => {
    const ws = workspace({ my_role: 'admin' });
    let pending = [invitation('cy@example.com')];
    let posts = 0;
    const fetch = serve(
      {
        [`GET /workspaces/${ws.id}/members`]: () => json(200, page([member(ada, 'admin')])),
        [`GET /workspaces/${ws.id}/invitations`]: () => json(200, page(pending)),
        [`POST /workspaces/${ws.id}/invitations`]: (req) => {
          posts += 1;
          if (posts === 1) return apiError(409, 'conflict', 'an invitation to this address is pending');
          const body = req.body as { email: string; role: Member['role'] };
          const created = invitation(body.email, { role: body.role });
          pending = [...pending, created];
          return json(201, created);
        },
        'POST /invitations/inv-cy/resend': () => json(200, invitation('cy@example.com', { expires_at: '2026-12-01T00:00:00.000Z' })),
        'DELETE /invitations/inv-cy': () => {
          pending = pending.filter((i) => i.email !== 'cy@example.com');
          return json(204, null);
        },
      },
      ws,
    );
    const user = userEvent.setup();
    renderApp('/w/acme/members');

    expect(await screen.findAllByTestId('invitation-row')).toHaveLength(1);
    expect(within(screen.getByTestId('invite-role')).queryByRole('option', { name: 'Owner' })).toBeNull();

    await user.type(screen.getByTestId('invite-email'), 'not an address');
    await user.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText(/Enter a valid email address/)).toBeInTheDocument();

    await user.clear(screen.getByTestId('invite-email'));
    await user.type(screen.getByTestId('invite-email'), 'dee@example.com');
    await user.selectOptions(screen.getByTestId('invite-role'), 'guest');
    await user.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByTestId('invite-error')).toHaveTextContent('an invitation to this address is pending');
    expect(screen.getByTestId('invite-email')).toHaveValue('dee@example.com');

    await user.click(screen.getByTestId('invite-submit'));
    await waitFor(() => expect(calls(fetch, 'POST', `/workspaces/${ws.id}/invitations`)).toHaveLength(2));
    expect(await screen.findByTestId('invitation-notice')).toHaveTextContent('Invitation sent to dee@example.com.');
    expect(screen.getByTestId('invite-email')).toHaveValue('');
    await waitFor(() => expect(screen.getAllByTestId('invitation-row')).toHaveLength(2));
    expect(calls(fetch, 'POST', `/workspaces/${ws.id}/invitations`).map((c) => c.body)).toEqual([
      { email: 'dee@example.com', role: 'guest' },
      { email: 'dee@example.com', role: 'guest' },
    ]);

    await user.click(within(screen.getAllByTestId('invitation-row')[0]!).getByTestId('invitation-resend'));
    expect(await screen.findByTestId('invitation-notice')).toHaveTextContent(/sent again with a new link/);

    await user.click(within(screen.getAllByTestId('invitation-row')[0]!).getByTestId('invitation-revoke'));
    await user.click(await screen.findByTestId('invitation-revoke-dialog-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('invitation-row')).toHaveLength(1));
    expect(screen.getByTestId('invitation-row')).toHaveAttribute('data-email', 'dee@example.com');
  });
});

describe('accept an invitation', () => {
  const preview = { workspace: { name: 'Acme' }, email: 'bob@example.com', role: 'member', expires_at: '2026-11-28T19:56:33.689Z' };

  function signedOut(routes: Record<string, Handler>) {
    const fetch = fakeFetch({ 'GET /meta': () => json(200, meta), ...routes });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('registers through the invitation and opens the workspace', async () => {
    const fetch = signedOut({
      'GET /invitations/tok-1': () => json(200, preview),
      'POST /invitations/tok-1/accept': () => json(200, authAnswer('access-bob', bob)),
      'GET /workspaces': (req) =>
        req.headers.Authorization === 'Bearer access-bob' ? json(200, page([workspace({ my_role: 'member' })])) : apiError(401, 'unauthorized', 'no'),
      'GET /workspaces/acme': () => json(200, workspace({ my_role: 'member' })),
      [`GET /workspaces/${workspace().id}/activity`]: () => json(200, page([])),
    });
    const user = userEvent.setup();
    renderApp('/invite/tok-1');

    expect(await screen.findByRole('heading', { name: 'Join Acme' })).toBeInTheDocument();
    expect(screen.getByTestId('accept-email')).toHaveValue('bob@example.com');
    await user.type(screen.getByTestId('accept-name'), 'Bob Byte');
    await user.type(screen.getByTestId('accept-password'), 'long enough password');
    await user.type(screen.getByTestId('accept-confirm'), 'long enough passwrd');
    await user.click(screen.getByTestId('accept-register'));
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();
    expect(calls(fetch, 'POST', '/invitations/tok-1/accept')).toHaveLength(0);

    await user.clear(screen.getByTestId('accept-confirm'));
    await user.type(screen.getByTestId('accept-confirm'), 'long enough password');
    await user.click(screen.getByTestId('accept-register'));
    expect(await screen.findByTestId('workspace-title')).toHaveTextContent('Acme');
    await waitFor(() => expect(location()).toBe('/w/acme/activity'));
    const [accept] = calls(fetch, 'POST', '/invitations/tok-1/accept');
    expect(accept?.body).toEqual({ name: 'Bob Byte', password: 'long enough password' });
    expect(accept?.headers.Authorization).toBeUndefined();
    expect(api.accessToken).toBe('access-bob');
  });

  it('sends someone who already has an account to sign in, keeping what they typed', async () => {
    signedOut({
      'GET /invitations/tok-1': () => json(200, preview),
      'POST /invitations/tok-1/accept': () => apiError(409, 'conflict', 'an account with this email exists'),
    });
    const user = userEvent.setup();
    renderApp('/invite/tok-1');
    await user.type(await screen.findByTestId('accept-name'), 'Bob');
    await user.type(screen.getByTestId('accept-password'), 'long enough password');
    await user.type(screen.getByTestId('accept-confirm'), 'long enough password');
    await user.click(screen.getByTestId('accept-register'));
    const error = await screen.findByTestId('accept-error');
    expect(error).toHaveTextContent('An account with bob@example.com already exists.');
    expect(within(error).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in?next=%2Finvite%2Ftok-1');
    expect(screen.getByTestId('accept-name')).toHaveValue('Bob');
  });

  it('says so when the link no longer works', async () => {
    signedOut({ 'GET /invitations/tok-old': () => apiError(404, 'not_found', 'invitation expired') });
    renderApp('/invite/tok-old');
    expect(await screen.findByTestId('accept-invalid')).toHaveTextContent('This invitation link does not work');
  });

  it('joins with one click when signed in with the invited address, and warns about another address', async () => {
    const fetch = serve({
      'GET /invitations/tok-1': () => json(200, { ...preview, email: ada.email }),
      'POST /invitations/tok-1/accept': () => json(200, workspace({ my_role: 'member' })),
    });
    const user = userEvent.setup();
    renderApp('/invite/tok-1');
    await user.click(await screen.findByTestId('accept-join'));
    expect(await screen.findByTestId('workspace-title')).toHaveTextContent('Acme');
    const [accept] = calls(fetch, 'POST', '/invitations/tok-1/accept');
    expect(accept?.headers.Authorization).toBe('Bearer access-1');
  });

  it('warns when the invitation is for another address', async () => {
    serve({ 'GET /invitations/tok-1': () => json(200, preview) });
    renderApp('/invite/tok-1');
    expect(await screen.findByTestId('accept-wrong-account')).toHaveTextContent('It was sent to bob@example.com');
    expect(screen.queryByTestId('accept-join')).toBeNull();
  });
});

describe('teams', () => {
  it('saves a team by adding and removing members, and keeps the choice when a change fails', async () => {
    const ws = workspace({ my_role: 'owner' });
    let design = team('Design', [ada.id, bob.id]);
    let failPut = true;
    const fetch = serve(
      {
        [`GET /workspaces/${ws.id}/members`]: () => json(200, page([member(ada, 'owner'), member(bob, 'member'), member(cy, 'member')])),
        [`GET /workspaces/${ws.id}/teams`]: () => json(200, page([design])),
        [`PUT /teams/${design.id}/members/${cy.id}`]: () => {
          if (failPut) {
            failPut = false;
            return apiError(500, 'internal', 'boom');
          }
          design = { ...design, member_ids: [...design.member_ids, cy.id] };
          return json(200, design);
        },
        [`DELETE /teams/${design.id}/members/${bob.id}`]: () => {
          design = { ...design, member_ids: design.member_ids.filter((id) => id !== bob.id) };
          return json(204, null);
        },
      },
      ws,
    );
    const user = userEvent.setup();
    renderApp('/w/acme/teams');

    expect(await screen.findByTestId('team-row')).toHaveTextContent('Ada Lovelace, Bob Byte');
    await user.click(screen.getByTestId('team-edit'));
    const option = (email: string) => screen.getAllByTestId('team-member-option').find((el) => el.getAttribute('data-email') === email)!;
    await user.click(option(bob.email));
    await user.click(option(cy.email));
    await user.click(screen.getByTestId('team-save'));
    expect(await screen.findByTestId('team-error')).toHaveTextContent(/server ran into a problem/);
    expect(option(bob.email)).not.toBeChecked();
    expect(option(cy.email)).toBeChecked();

    await user.click(screen.getByTestId('team-save'));
    expect(await screen.findByTestId('teams-notice')).toHaveTextContent('Team “Design” saved.');
    await waitFor(() => expect(screen.getByTestId('team-row')).toHaveTextContent('Ada Lovelace, Cy Press'));
    expect(calls(fetch, 'PUT', `/teams/${design.id}/members/${cy.id}`)).toHaveLength(2);
    expect(calls(fetch, 'DELETE', `/teams/${design.id}/members/${bob.id}`)).toHaveLength(1);
  });
});

describe('workspace switcher', () => {
  it('opens with the keyboard on the current workspace and returns focus on Escape', async () => {
    const acme = workspace();
    const beta = workspace({ id: '01930000-0000-7000-8000-0000000000b2', name: 'Beta', slug: 'beta', my_role: 'member' });
    serve({ 'GET /workspaces': () => json(200, page([acme, beta])) }, acme);
    const user = userEvent.setup();
    renderApp('/w/acme/activity');

    const button = await screen.findByTestId('workspace-switcher');
    await waitFor(() => expect(button).toHaveTextContent('Acme'));
    button.focus();
    await user.keyboard('{ArrowDown}');
    const items = await screen.findAllByTestId('workspace-switcher-item');
    expect(items.map((i) => i.getAttribute('data-slug'))).toEqual(['acme', 'beta']);
    expect(items[0]).toHaveFocus();
    expect(items[0]).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
  });
});
