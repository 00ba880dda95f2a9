import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { Project, Status, Task } from '../../api/projects';
import type { Workspace } from '../../api/types';
import { ada, apiError, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import { bob, cy, member, page, workspace } from '../../test/workspaceFakes';

const meta = { version: '0.1.0', registration: 'open', oidc_providers: [], setup_required: false };
const P = '0193b000-0000-7000-8000-0000000000a1';
const TO_DO = '0193b000-0000-7000-8000-000000000011';
const DOING = '0193b000-0000-7000-8000-000000000012';
const DONE = '0193b000-0000-7000-8000-000000000013';

function project(over: Partial<Project> = {}): Project {
  return {
    id: P,
    workspace_id: workspace().id,
    key: 'WEB',
    name: 'Website',
    description: '',
    visibility: 'workspace',
    archived: false,
    created_at: '2026-11-21T19:56:33.689Z',
    version: 1,
    ...over,
  };
}

const statuses: Status[] = [
  { id: TO_DO, project_id: P, name: 'To do', category: 'todo', position: 'a' },
  { id: DOING, project_id: P, name: 'In progress', category: 'in_progress', position: 'b' },
  { id: DONE, project_id: P, name: 'Done', category: 'done', position: 'c' },
];

function task(n: number, over: Partial<Task> = {}): Task {
  return {
    id: `0193c000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    workspace_id: workspace().id,
    project_id: P,
    number: n,
    key: `WEB-${n}`,
    title: `Task ${n}`,
    description: '',
    status_id: TO_DO,
    status_category: 'todo',
    assignee_id: null,
    priority: 'none',
    due_date: null,
    labels: [],
    parent_id: null,
    recurrence: null,
    position: `a${n}`,
    completed_at: null,
    created_by: ada.id,
    created_at: '2026-11-21T19:56:33.689Z',
    updated_at: '2026-11-21T19:56:33.689Z',
    version: 1,
    ...over,
  };
}

function serve(routes: Record<string, Handler>, ws: Workspace = workspace()) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, meta),
    'POST /auth/refresh': () => json(200, authAnswer('access-1', ada)),
    'GET /workspaces': () => json(200, page([ws])),
    [`GET /workspaces/${ws.slug}`]: () => json(200, ws),
    [`GET /workspaces/${ws.id}`]: () => json(200, ws),
    [`GET /workspaces/${ws.id}/members`]: () => json(200, page([member(ada, ws.my_role)])),
    [`GET /workspaces/${ws.id}/labels`]: () => json(200, page([])),
    [`GET /workspaces/${ws.id}/projects`]: () => json(200, page([project()])),
    [`GET /projects/${P}`]: () => json(200, project()),
    [`GET /projects/${P}/statuses`]: () => json(200, page(statuses)),
    [`GET /projects/${P}/members`]: () => json(200, page([])),
    ...routes,
  });
  vi.stubGlobal('fetch', fetch);
  setSessionCookie();
  return fetch;
}

function calls(fetch: ReturnType<typeof fakeFetch>, method: string, path: string) {
  return fetch.mock.calls
    .filter(([url, init]) => (init?.method ?? 'GET') === method && String(url).split('?')[0] === `/api/v1${path}`)
    .map(([url, init]) => ({
      query: new URL(String(url), 'http://localhost').searchParams,
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
    }));
}

const location = () => screen.getByTestId('location').textContent ?? '';

beforeEach(() => {
  api.signOut();
});

describe('projects page', () => {
  it('suggests the key, checks it on the client, shows the 409 on the key field and keeps the input', async () => {
    const ws = workspace();
    let attempts = 0;
    const fetch = serve({
      [`POST /workspaces/${ws.id}/projects`]: (req) => {
        attempts += 1;
        if (attempts === 1) return apiError(409, 'conflict', 'key is already used by another project', { key: 'is already used by another project' });
        return json(201, project({ id: '0193b000-0000-7000-8000-0000000000b2', ...(req.body as object) }));
      },
    });
    const user = userEvent.setup();
    renderApp('/w/acme/projects');

    await screen.findByTestId('project-row');
    await user.click(screen.getByTestId('project-create'));
    await user.type(await screen.findByTestId('project-name'), 'Mobile App');
    expect(screen.getByTestId('project-key')).toHaveValue('MA');

    await user.clear(screen.getByTestId('project-key'));
    await user.type(screen.getByTestId('project-key'), 'm1');
    await user.click(screen.getByTestId('project-create-submit'));
    expect(screen.getByTestId('project-key')).toHaveAccessibleDescription(/Use only the letters A to Z/);
    expect(calls(fetch, 'POST', `/workspaces/${ws.id}/projects`)).toHaveLength(0);

    await user.clear(screen.getByTestId('project-key'));
    await user.type(screen.getByTestId('project-key'), 'web');
    await user.selectOptions(screen.getByTestId('project-visibility'), 'private');
    await user.click(screen.getByTestId('project-create-submit'));
    await waitFor(() => expect(screen.getByTestId('project-key')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('project-key')).toHaveAccessibleDescription(/Is already used by another project/);
    expect(screen.getByTestId('project-name')).toHaveValue('Mobile App');

    // Editing the name no longer overwrites a key the person typed.
    await user.type(screen.getByTestId('project-name'), 's');
    expect(screen.getByTestId('project-key')).toHaveValue('WEB');
    await user.clear(screen.getByTestId('project-key'));
    await user.type(screen.getByTestId('project-key'), 'MOB');
    await user.click(screen.getByTestId('project-create-submit'));
    await waitFor(() => expect(location()).toBe('/w/acme/p/0193b000-0000-7000-8000-0000000000b2'));
    expect(calls(fetch, 'POST', `/workspaces/${ws.id}/projects`).map((c) => c.body)).toEqual([
      { name: 'Mobile App', key: 'WEB', visibility: 'private' },
      { name: 'Mobile Apps', key: 'MOB', visibility: 'private' },
    ]);
  });

  it('hides archived projects behind a toggle and creation from guests', async () => {
    const ws = workspace({ my_role: 'guest' });
    serve({ [`GET /workspaces/${ws.id}/projects`]: () => json(200, page([project(), project({ id: 'x', key: 'OLD', name: 'Old', archived: true })])) }, ws);
    const user = userEvent.setup();
    renderApp('/w/acme/projects');
    await screen.findByTestId('project-row');
    expect(screen.getAllByTestId('project-row')).toHaveLength(1);
    expect(screen.queryByTestId('project-create')).toBeNull();
    await user.click(screen.getByTestId('projects-show-archived'));
    expect(screen.getAllByTestId('project-row').map((r) => r.getAttribute('data-key'))).toEqual(['OLD', 'WEB']);
  });
});

describe('project settings', () => {
  it('re-orders statuses with buttons and Alt+arrows, and explains the 409 of a status with tasks', async () => {
    const fetch = serve({
      [`PATCH /statuses/${DOING}`]: () => json(200, statuses[1]),
      [`PATCH /statuses/${TO_DO}`]: () => json(200, statuses[0]),
      [`DELETE /statuses/${DOING}`]: () => apiError(409, 'conflict', 'the status still has tasks: move them first'),
    });
    const user = userEvent.setup();
    renderApp(`/w/acme/p/${P}/settings`);
    const rows = await screen.findAllByTestId('status-row');
    expect(rows.map((r) => r.getAttribute('data-status-name'))).toEqual(['To do', 'In progress', 'Done']);

    await user.click(within(rows[1]!).getByTestId('status-up'));
    await waitFor(() => expect(calls(fetch, 'PATCH', `/statuses/${DOING}`)).toHaveLength(1));
    expect(calls(fetch, 'PATCH', `/statuses/${DOING}`)[0]?.body).toEqual({ before_id: TO_DO });

    // Shown at once, then re-read from the server (this fake keeps its order).
    await waitFor(() => expect(screen.getAllByTestId('status-row')[0]).toHaveAttribute('data-status-name', 'To do'));
    const first = screen.getAllByTestId('status-row')[0]!;
    fireEvent.keyDown(first, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(calls(fetch, 'PATCH', `/statuses/${TO_DO}`)).toHaveLength(1));
    expect(calls(fetch, 'PATCH', `/statuses/${TO_DO}`)[0]?.body).toEqual({ after_id: DOING });

    const doing = (await screen.findAllByTestId('status-row')).find((r) => r.getAttribute('data-status-name') === 'In progress')!;
    await user.click(within(doing).getByTestId('status-delete'));
    await user.click(await screen.findByTestId('status-delete-dialog-confirm'));
    expect(await screen.findByTestId('status-delete-error')).toHaveTextContent('“In progress” still has tasks. Move them to another status first');
  });

  it('shows no editing controls to members (they may still edit labels)', async () => {
    serve({}, workspace({ my_role: 'member' }));
    renderApp(`/w/acme/p/${P}/settings`);
    await screen.findAllByTestId('status-row');
    expect(screen.queryByTestId('status-up')).toBeNull();
    expect(screen.queryByTestId('status-add')).toBeNull();
    expect(screen.queryByTestId('project-settings-save')).toBeNull();
    expect(screen.queryByTestId('project-delete')).toBeNull();
    expect(screen.queryByTestId('project-archive')).toBeNull();
    expect(screen.getByTestId('label-new-save')).toBeInTheDocument();
  });
});

describe('project members', () => {
  it('adds a workspace member to a private project and removes one', async () => {
    const ws = workspace();
    const pm = (u: typeof bob) => ({ user: { id: u.id, name: u.name, email: u.email }, added_at: '2026-11-21T19:56:33.689Z' });
    let inProject = [pm(cy)];
    const fetch = serve({
      [`GET /projects/${P}`]: () => json(200, project({ visibility: 'private' })),
      [`GET /workspaces/${ws.id}/members`]: () => json(200, page([member(ada, 'owner'), member(bob, 'member'), member(cy, 'member')])),
      [`GET /projects/${P}/members`]: () => json(200, page(inProject)),
      [`PUT /projects/${P}/members/${bob.id}`]: () => {
        inProject = [...inProject, pm(bob)];
        return json(200, pm(bob));
      },
      [`DELETE /projects/${P}/members/${cy.id}`]: () => {
        inProject = inProject.filter((m) => m.user.id !== cy.id);
        return json(204, null);
      },
    });
    const user = userEvent.setup();
    renderApp(`/w/acme/p/${P}/settings`);
    await screen.findByTestId('project-member-row');
    const choice = screen.getByTestId('project-member-choice');
    // Cy is in already: only Ada and Bob are offered.
    await waitFor(() => expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'Ada Lovelace (ada@example.com)', 'Bob Byte (bob@example.com)']));
    await user.selectOptions(choice, bob.id);
    await user.click(screen.getByTestId('project-member-add'));
    await waitFor(() => expect(screen.getAllByTestId('project-member-row').map((r) => r.getAttribute('data-email'))).toEqual([cy.email, bob.email]));
    expect(calls(fetch, 'PUT', `/projects/${P}/members/${bob.id}`)).toHaveLength(1);

    const cyRow = screen.getAllByTestId('project-member-row')[0]!;
    await user.click(within(cyRow).getByTestId('project-member-remove'));
    await user.click(await screen.findByTestId('project-member-remove-dialog-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('project-member-row').map((r) => r.getAttribute('data-email'))).toEqual([bob.email]));
    expect(calls(fetch, 'DELETE', `/projects/${P}/members/${cy.id}`)).toHaveLength(1);
  });
});

describe('list view', () => {
  it('sends the filters of the address, writes changed filters back, and opens a row with the keyboard', async () => {
    const tasks = [task(1), task(2), task(3)];
    const fetch = serve({
      [`GET /projects/${P}/tasks`]: (req) => json(200, { items: req.query.get('cursor') ? [task(4)] : tasks, next_cursor: req.query.get('cursor') ? null : 'c1' }),
    });
    const user = userEvent.setup();
    renderApp(`/w/acme/p/${P}/list?status_id=${TO_DO}&sort=-due_date&q=ship&assignee_id=bad`);
    await screen.findAllByTestId('task-row');
    const first = calls(fetch, 'GET', `/projects/${P}/tasks`)[0]!.query;
    expect(Object.fromEntries(first)).toEqual({ status_id: TO_DO, sort: '-due_date', q: 'ship', limit: '50' });
    expect(screen.getByTestId('list-filter-status')).toHaveValue(TO_DO);
    expect(screen.getByTestId('list-filter-q')).toHaveValue('ship');

    await user.selectOptions(screen.getByTestId('list-filter-status'), DONE);
    await waitFor(() => expect(location()).toContain(`status_id=${DONE}`));
    expect(location()).toContain('sort=-due_date');
    await waitFor(() => expect(calls(fetch, 'GET', `/projects/${P}/tasks`).some((c) => c.query.get('status_id') === DONE)).toBe(true));

    await user.click(await screen.findByTestId('list-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('task-row')).toHaveLength(4));

    const rows = screen.getAllByTestId('task-row');
    expect(rows[0]).toHaveAttribute('tabindex', '0');
    expect(rows[1]).toHaveAttribute('tabindex', '-1');
    rows[0]!.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(rows[2]);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(rows[1]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location()).toContain(`task=${tasks[1]!.id}`));
  });
});

describe('search palette', () => {
  it('opens with Ctrl-K, searches as you type, moves with arrows and opens the task with Enter', async () => {
    const ws = workspace();
    const hits = [
      { type: 'task', id: 'hit-1', title: 'Release notes', snippet: 'write the **release** notes', key: 'WEB-1', project_id: P },
      { type: 'task', id: 'hit-2', title: 'Release party', snippet: '<b>cake</b> after the **release**', key: 'WEB-2', project_id: P },
    ];
    const fetch = serve({ [`GET /workspaces/${ws.id}/search`]: () => json(200, { items: hits }) });
    const user = userEvent.setup();
    renderApp('/w/acme/projects');
    await screen.findByTestId('project-row');

    await user.keyboard('{Control>}k{/Control}');
    const input = await screen.findByTestId('search-input');
    await waitFor(() => expect(input).toHaveFocus());
    await user.type(input, 'rel');
    const options = await screen.findAllByTestId('search-result');
    expect(options).toHaveLength(2);
    const searches = calls(fetch, 'GET', `/workspaces/${ws.id}/search`);
    // Debounced: one request for the whole word.
    expect(searches.map((c) => c.query.get('q'))).toEqual(['rel']);
    expect(options[1]!.querySelector('mark')?.textContent).toBe('release');
    expect(options[1]!.querySelector('b')).toBeNull();
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[0]!.id);

    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{ArrowDown}');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}{Enter}');
    await waitFor(() => expect(location()).toBe(`/w/acme/p/${P}?task=hit-2`));
  });
});
