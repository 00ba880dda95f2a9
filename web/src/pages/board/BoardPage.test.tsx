import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import type { Task } from '../../api/tasks';
import { ada, apiError, authAnswer, fakeFetch, json, setSessionCookie, type Handler } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import { member, page, workspace } from '../../test/workspaceFakes';
import { label, PROJECT, project, statuses, task } from './boardFakes';

const meta = { version: '0.1.0', registration: 'open', oidc_providers: [], setup_required: false };
const ws = workspace();

function serve(tasks: Task[], routes: Record<string, Handler> = {}) {
  const fetch = fakeFetch({
    'GET /meta': () => json(200, meta),
    'POST /auth/refresh': () => json(200, authAnswer('access-1', ada)),
    'GET /workspaces': () => json(200, page([ws])),
    [`GET /workspaces/${ws.slug}`]: () => json(200, ws),
    [`GET /workspaces/${ws.id}/members`]: () => json(200, page([member(ada, 'owner')])),
    [`GET /workspaces/${ws.id}/labels`]: () => json(200, page([label('l1', 'frontend')])),
    [`GET /projects/${PROJECT}`]: () => json(200, project({ workspace_id: ws.id })),
    [`GET /projects/${PROJECT}/statuses`]: () => json(200, page(statuses)),
    [`GET /projects/${PROJECT}/tasks`]: (req) =>
      json(200, page(req.query.get('parent_id') ? [] : tasks)),
    [`GET /projects/${PROJECT}/members`]: () => json(200, page([])),
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

const keysIn = (status: string) =>
  within(screen.getAllByTestId('board-column').find((c) => c.dataset.statusName === status)!)
    .queryAllByTestId('board-card')
    .map((c) => c.dataset.taskKey);

beforeEach(() => {
  api.signOut();
});

describe('board', () => {
  const tasks = [
    task({ id: 'a', key: 'WEB-1', title: 'Alpha', position: 'V', labels: ['l1'], due_date: '2020-01-01', assignee_id: ada.id }),
    task({ id: 'b', key: 'WEB-2', title: 'Beta', position: 'k', priority: 'high' }),
    task({ id: 'c', key: 'WEB-3', title: 'Gamma', status_id: 's2', status_category: 'in_progress', position: 'V' }),
  ];

  it('shows columns and cards, and moves a card with the keyboard to the server and back on failure', async () => {
    let answer: Response = apiError(422, 'validation_failed', 'The neighbour moved.', { after_id: 'not in the column' });
    const fetch = serve(tasks, { 'POST /tasks/a/move': () => answer });
    renderApp(`/w/${ws.slug}/p/${PROJECT}`);
    await screen.findByText('Alpha');
    expect(keysIn('To do')).toEqual(['WEB-1', 'WEB-2']);
    expect(keysIn('In progress')).toEqual(['WEB-3']);
    const alpha = screen.getAllByTestId('board-card').find((c) => c.dataset.taskKey === 'WEB-1')!;
    expect(alpha.textContent).toMatch(/frontend/);
    expect(alpha.textContent).toMatch(/Overdue/);
    expect(within(alpha).getByLabelText('Assigned to Ada Lovelace').textContent).toBe('AL');

    alpha.focus();
    fireEvent.keyDown(alpha, { key: ' ' });
    expect(screen.getByTestId('board-live').textContent).toMatch(/Picked up WEB-1/);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(keysIn('In progress')).toEqual(['WEB-1', 'WEB-3']));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(keysIn('In progress')).toEqual(['WEB-3', 'WEB-1']));
    expect(screen.getByTestId('board-live').textContent).toMatch(/WEB-1: In progress, position 2 of 2/);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });

    await screen.findByTestId('board-error');
    expect(calls(fetch, 'POST', '/tasks/a/move')[0]?.body).toEqual({ status_id: 's2', after_id: 'c' });
    // Refused: back where it was.
    expect(keysIn('To do')).toEqual(['WEB-1', 'WEB-2']);
    expect(screen.getByTestId('board-error').textContent).toMatch(/Could not move WEB-1: The neighbour moved/);

    // Escape cancels a lifted card without a request.
    const beta = screen.getAllByTestId('board-card').find((c) => c.dataset.taskKey === 'WEB-2')!;
    beta.focus();
    fireEvent.keyDown(beta, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(keysIn('In progress')).toContain('WEB-2'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(keysIn('To do')).toEqual(['WEB-1', 'WEB-2']));
    expect(calls(fetch, 'POST', '/tasks/b/move')).toHaveLength(0);

    // Accepted: the server's position is kept.
    answer = json(200, { ...tasks[0], status_id: 's3', status_category: 'done', position: 'a', version: 2 });
    const again = screen.getAllByTestId('board-card').find((c) => c.dataset.taskKey === 'WEB-1')!;
    again.focus();
    fireEvent.keyDown(again, { key: ' ' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    await waitFor(() => expect(keysIn('Done')).toEqual(['WEB-1']));
    expect(calls(fetch, 'POST', '/tasks/a/move')[1]?.body).toEqual({ status_id: 's3' });
  });

  it('quick-add keeps the text when saving fails and clears it when it works', async () => {
    let fail = true;
    const fetch = serve(tasks, {
      [`POST /projects/${PROJECT}/tasks`]: () =>
        fail ? apiError(409, 'conflict', 'The project is archived.') : json(201, task({ id: 'd', key: 'WEB-4', title: 'Delta', position: 'z' })),
    });
    const user = userEvent.setup();
    renderApp(`/w/${ws.slug}/p/${PROJECT}`);
    await screen.findByText('Alpha');
    const todo = screen.getAllByTestId('board-column').find((c) => c.dataset.statusName === 'To do')!;
    const input = within(todo).getByTestId('quick-add-input');
    await user.type(input, 'Delta{Enter}');
    await within(todo).findByTestId('quick-add-error');
    expect(input).toHaveValue('Delta');
    fail = false;
    await user.type(input, '{Enter}');
    await waitFor(() => expect(keysIn('To do')).toEqual(['WEB-1', 'WEB-2', 'WEB-4']));
    expect(input).toHaveValue('');
    expect(calls(fetch, 'POST', `/projects/${PROJECT}/tasks`)[1]?.body).toEqual({ title: 'Delta', status_id: 's1', priority: 'none' });
  });
});

describe('task panel', () => {
  it('saves with If-Match; a 412 reloads the task, says so and keeps the typed title', async () => {
    const original = task({ id: 'a', key: 'WEB-1', title: 'Alpha', version: 1 });
    const changed = { ...original, priority: 'high' as const, version: 2 };
    let patches = 0;
    const fetch = serve([original], {
      'GET /tasks/a': () => json(200, patches === 0 ? original : changed),
      'GET /tasks/a/comments': () => json(200, page([])),
      'PATCH /tasks/a': (req) => {
        patches += 1;
        if (req.headers['If-Match'] === '"1"') return apiError(412, 'precondition_failed', 'The task has changed.');
        return json(200, { ...changed, ...(req.body as object), version: 3 });
      },
    });
    const user = userEvent.setup();
    renderApp(`/w/${ws.slug}/p/${PROJECT}?task=a`);
    const panel = await screen.findByTestId('task-panel');
    await user.click(await within(panel).findByTestId('task-title'));
    const input = within(panel).getByTestId('task-title-input');
    await user.clear(input);
    await user.type(input, 'Alpha, renamed{Enter}');
    await within(panel).findByTestId('task-conflict');
    expect(within(panel).getByTestId('task-title-input')).toHaveValue('Alpha, renamed');
    await waitFor(() => expect(within(panel).getByTestId('task-priority')).toHaveValue('high'));
    await user.click(within(panel).getByTestId('task-title-save'));
    await waitFor(() => expect(within(panel).getByTestId('task-title').textContent).toBe('Alpha, renamed'));
    const sent = calls(fetch, 'PATCH', '/tasks/a');
    expect(sent.map((c) => c.headers['If-Match'])).toEqual(['"1"', '"2"']);
    expect(sent[1]?.body).toEqual({ title: 'Alpha, renamed' });
    // The board behind shows the new title too.
    await waitFor(() => expect(screen.getAllByText('Alpha, renamed').length).toBeGreaterThan(1));
  });

  it('shows the server reason for a refused recurrence rule and keeps the rule typed', async () => {
    const original = task({ id: 'a', key: 'WEB-1', title: 'Alpha' });
    serve([original], {
      'GET /tasks/a': () => json(200, original),
      'GET /tasks/a/comments': () => json(200, page([])),
      'PATCH /tasks/a': () => apiError(422, 'validation_failed', 'Invalid input.', { recurrence: 'FREQ must be one of DAILY, WEEKLY…' }),
    });
    const user = userEvent.setup();
    renderApp(`/w/${ws.slug}/p/${PROJECT}?task=a`);
    const panel = await screen.findByTestId('task-panel');
    await user.selectOptions(await within(panel).findByTestId('recurrence-kind'), 'custom');
    await user.type(within(panel).getByTestId('recurrence-custom'), 'FREQ=SOMETIMES');
    await user.click(within(panel).getByTestId('recurrence-save'));
    expect((await within(panel).findByTestId('recurrence-error')).textContent).toBe('FREQ must be one of DAILY, WEEKLY…');
    expect(within(panel).getByTestId('recurrence-custom')).toHaveValue('FREQ=SOMETIMES');
  });
});
