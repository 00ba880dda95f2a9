// The browser suite of the project views (web-views): the project list and
// its create dialog, project settings (statuses, labels), the list view with
// filters kept in the address, the Ctrl-K search palette and "My tasks", in
// light and dark themes and at phone width. Runs against its own fresh server
// (scripts/e2e.sh); state the test does not exercise in the UI is set up
// through the API. Any console or page error fails the step.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { Api, BASE_URL, BrowserRun, eventually, screenshot, todayIn } from './support.mjs';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical engine 1843' };
const slug = 'views-lab';

let api;
let ws; // the workspace
let me; // Ada as the API knows her
let page; // Ada's desktop page
let shop; // the project created through the UI
const run = new BrowserRun('views-failure');
const tasks = {};

const newPage = (name, options) => run.newPage(name, options);

async function signIn(p) {
  await p.goto(`${BASE_URL}/sign-in`);
  await p.getByTestId('login-email').fill(ada.email);
  await p.getByTestId('login-password').fill(ada.password);
  await p.getByTestId('login-submit').click();
  await p.getByRole('heading', { name: /^Welcome, / }).waitFor();
}

const rowKeys = (p) => p.getByTestId('task-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-task-key')));

before(async () => {
  await run.start();
  api = await Api.register(ada);
  me = await api.get('/me');
  ws = await api.post('/workspaces', { name: 'Views Lab', slug });
  // A project whose key the UI then tries to take again.
  await api.post(`/workspaces/${ws.id}/projects`, { name: 'Website', key: 'WEB' });
});

afterEach((t) => run.checkStep(t.name));

after(() => run.close());

test('a project is created through the UI; a taken key shows on the key field', async () => {
  page = await newPage('ada', { colorScheme: 'light' });
  await signIn(page);
  await page.goto(`${BASE_URL}/w/${slug}/projects`);
  await page.locator('[data-testid="project-row"][data-key="WEB"]').waitFor();
  await page.getByTestId('project-create').click();
  // The dialog's first field has the focus (its autoFocus works inside Dialog).
  await eventually('the focus in the name field', () => page.getByTestId('project-name').evaluate((el) => el === document.activeElement), 2000);
  await page.getByTestId('project-name').fill('Web shop');
  assert.equal(await page.getByTestId('project-key').inputValue(), 'WS', 'the key is suggested from the name');
  await page.getByTestId('project-key').fill('web');
  assert.equal(await page.getByTestId('project-key').inputValue(), 'WEB');
  await page.getByTestId('project-description').fill('Everything about the online shop.');

  await page.watch.expectHttpErrors([{ status: 409, path: new RegExp(`^/api/v1/workspaces/${ws.id}/projects$`) }], async () => {
    await page.getByTestId('project-create-submit').click();
    await eventually('the key field error', async () => (await page.getByTestId('project-key').getAttribute('aria-invalid')) === 'true');
  });
  const described = await page.getByTestId('project-key').evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
  );
  assert.match(described, /already used by another project/);
  assert.equal(await page.getByTestId('project-name').inputValue(), 'Web shop', 'nothing typed is lost');
  await screenshot(page, 'views-project-key-taken');

  await page.getByTestId('project-key').fill('SHOP');
  await page.getByTestId('project-create-submit').click();
  await page.waitForURL(new RegExp(`/w/${slug}/p/[0-9a-f-]{36}$`));
  const projectId = new URL(page.url()).pathname.split('/').pop();
  shop = await api.get(`/projects/${projectId}`);
  assert.equal(shop.key, 'SHOP');
  await page.getByTestId('project-header').waitFor();
  assert.match((await page.getByTestId('project-title').textContent()) ?? '', /SHOP\s+Web shop/);

  await page.goto(`${BASE_URL}/w/${slug}/projects`);
  await page.locator('[data-testid="project-row"][data-key="SHOP"]').waitFor();
  await screenshot(page, 'views-projects');
});

test('settings: a status is added and moved, a label is added', async () => {
  await page.goto(`${BASE_URL}/w/${slug}/p/${shop.id}/settings`);
  await page.getByTestId('status-row').first().waitFor();
  await page.getByTestId('status-new-name').fill('Review');
  await page.getByTestId('status-new-category').selectOption('in_progress');
  await page.getByTestId('status-add').click();
  const names = () => page.getByTestId('status-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-status-name')));
  await eventually('the new status at the end', async () => (await names()).join() === 'To do,In progress,Done,Review');

  // Up by button, then once more by keyboard (Alt+↑ on the focused row).
  const review = page.locator('[data-testid="status-row"][data-status-name="Review"]');
  await review.getByTestId('status-up').click();
  await eventually('Review before Done', async () => (await names()).join() === 'To do,In progress,Review,Done');
  await review.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await eventually('Review before In progress', async () => (await names()).join() === 'To do,Review,In progress,Done');
  const serverOrder = async () =>
    (await api.get(`/projects/${shop.id}/statuses`)).items
      .sort((a, b) => (a.position < b.position ? -1 : 1))
      .map((s) => s.name)
      .join();
  await eventually('the new order on the server', async () => (await serverOrder()) === 'To do,Review,In progress,Done');

  await page.getByTestId('label-new-name').fill('urgent-fix');
  await page.getByTestId('label-new-color').fill('#d73a4a');
  await page.getByTestId('label-new-save').click();
  await page.locator('[data-testid="label-row"][data-label-name="urgent-fix"]').waitFor();
  await screenshot(page, 'views-project-settings');
});

test('settings: deleting a status that still has tasks is refused with a clear message', async () => {
  const statuses = (await api.get(`/projects/${shop.id}/statuses`)).items;
  const review = statuses.find((s) => s.name === 'Review');
  const held = await api.post(`/projects/${shop.id}/tasks`, { title: 'Placeholder in review', status_id: review.id });
  await page.reload();
  await page.locator('[data-testid="status-row"][data-status-name="Review"]').getByTestId('status-delete').click();
  await page.watch.expectHttpErrors([{ status: 409, path: new RegExp(`^/api/v1/statuses/${review.id}$`) }], async () => {
    await page.getByTestId('status-delete-dialog-confirm').click();
    await page.getByTestId('status-delete-error').waitFor();
  });
  assert.match((await page.getByTestId('status-delete-error').textContent()) ?? '', /still has tasks/);
  await screenshot(page, 'views-status-delete-refused');
  await page.keyboard.press('Escape');
  await api.request('DELETE', `/tasks/${held.id}`);
});

test('list view: filters narrow the rows, live in the address and survive a reload', async () => {
  const statuses = (await api.get(`/projects/${shop.id}/statuses`)).items;
  const status = (name) => statuses.find((s) => s.name === name).id;
  const labels = (await api.get(`/workspaces/${ws.id}/labels`)).items;
  const urgent = labels.find((l) => l.name === 'urgent-fix').id;
  const today = todayIn(me.timezone);
  tasks.checkout = await api.post(`/projects/${shop.id}/tasks`, {
    title: 'Fix the checkout button',
    description: 'The payment form needs a clearer spinner.',
    status_id: status('Review'),
    assignee_id: me.id,
    due_date: today,
    labels: [urgent],
    priority: 'high',
  });
  tasks.blog = await api.post(`/projects/${shop.id}/tasks`, {
    title: 'Write the launch blog post',
    description: 'Mention the pelican mascot and the opening hours.',
    status_id: status('To do'),
  });
  tasks.audit = await api.post(`/projects/${shop.id}/tasks`, { title: 'Audit the inventory sync', status_id: status('Review') });
  tasks.old = await api.post(`/projects/${shop.id}/tasks`, { title: 'Pick a shop name', status_id: status('Done') });

  await page.goto(`${BASE_URL}/w/${slug}/p/${shop.id}/list`);
  await eventually('four rows', async () => (await page.getByTestId('task-row').count()) === 4);
  await screenshot(page, 'views-list');

  await page.getByTestId('list-filter-status').selectOption({ label: 'Review' });
  await eventually('the Review rows', async () => (await rowKeys(page)).sort().join() === [tasks.checkout.key, tasks.audit.key].sort().join());
  await page.getByTestId('list-filter-label').selectOption({ label: 'urgent-fix' });
  await eventually('the labelled row', async () => (await rowKeys(page)).join() === tasks.checkout.key);
  await page.getByTestId('list-sort').selectOption('-created_at');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('status_id'), status('Review'));
  assert.equal(url.searchParams.get('label_id'), urgent);
  assert.equal(url.searchParams.get('sort'), '-created_at');

  await page.reload();
  await eventually('the filtered row after the reload', async () => (await rowKeys(page)).join() === tasks.checkout.key);
  assert.equal(await page.getByTestId('list-filter-status').inputValue(), status('Review'));
  assert.equal(await page.getByTestId('list-filter-label').inputValue(), urgent);
  assert.equal(await page.getByTestId('list-sort').inputValue(), '-created_at');
  await screenshot(page, 'views-list-filtered');

  // Text filter (debounced into the address), then clear everything.
  await page.getByTestId('list-clear').click();
  await eventually('all rows again', async () => (await page.getByTestId('task-row').count()) === 4);
  await page.getByTestId('list-filter-q').fill('inventory');
  await eventually('the text match', async () => (await rowKeys(page)).join() === tasks.audit.key);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'inventory');
  await page.getByTestId('list-clear').click();
  await eventually('all rows again', async () => (await page.getByTestId('task-row').count()) === 4);

  // Keyboard: arrows move between rows, Enter opens the task panel.
  await page.getByTestId('task-row').first().focus();
  await page.keyboard.press('ArrowDown');
  const focusedKey = await page.evaluate(() => document.activeElement?.getAttribute('data-task-key'));
  const second = (await rowKeys(page))[1];
  assert.equal(focusedKey, second);
  await page.keyboard.press('Enter');
  await eventually('the task in the address', async () => new URL(page.url()).searchParams.get('task') !== null);
  const opened = Object.values(tasks).find((t) => t.key === second);
  assert.equal(new URL(page.url()).searchParams.get('task'), opened.id);
  await screenshot(page, 'views-list-task-open');
});

test('Ctrl-K finds a task by a word of its description and opens it', async () => {
  await page.goto(`${BASE_URL}/w/${slug}/projects`);
  await page.locator('[data-testid="project-row"][data-key="SHOP"]').waitFor();
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await input.waitFor();
  await eventually('the focus in the search field', () => input.evaluate((el) => el === document.activeElement));
  await input.pressSequentially('pelican', { delay: 20 });
  const result = page.locator(`[data-testid="search-result"][data-task-id="${tasks.blog.id}"]`);
  await result.waitFor();
  assert.equal(await result.getAttribute('aria-selected'), 'true');
  assert.match((await result.locator('mark').first().textContent()) ?? '', /pelican/i);
  await screenshot(page, 'views-search');

  // Escape closes, focus comes back; Ctrl-K again starts afresh.
  await page.keyboard.press('Escape');
  await eventually('the palette closed', async () => !(await input.isVisible()));
  await page.keyboard.press('Control+k');
  await input.waitFor();
  assert.equal(await input.inputValue(), '');
  await input.pressSequentially('pelic', { delay: 20 });
  await result.waitFor();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${BASE_URL}/w/${slug}/p/${shop.id}?task=${tasks.blog.id}`);
  await eventually('the palette closed', async () => !(await input.isVisible()));
});

test('My tasks shows the task assigned to me and due today', async () => {
  await page.goto(`${BASE_URL}/my-tasks`);
  const item = page.locator(`[data-testid="mytasks-item"][data-task-key="${tasks.checkout.key}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-due'), todayIn(me.timezone));
  assert.match((await item.textContent()) ?? '', /Today/);
  assert.equal(await page.getByTestId('mytasks-item').count(), 1, 'only the one assigned to me');
  await screenshot(page, 'views-my-tasks');
  await page.getByTestId('mytasks-tab-overdue').click();
  await page.getByTestId('mytasks-empty').waitFor();
  await page.getByTestId('mytasks-tab-all').click();
  await item.waitFor();
  await item.locator('a').click();
  await page.waitForURL(`${BASE_URL}/w/${slug}/p/${shop.id}?task=${tasks.checkout.id}`);
});

test('dark theme and phone width', async () => {
  const dark = await newPage('ada-dark', { colorScheme: 'dark' });
  await signIn(dark);
  await dark.goto(`${BASE_URL}/w/${slug}/p/${shop.id}/list`);
  await eventually('the rows', async () => (await dark.getByTestId('task-row').count()) === 4);
  await screenshot(dark, 'views-list-dark');
  await dark.goto(`${BASE_URL}/w/${slug}/p/${shop.id}/settings`);
  await dark.locator('[data-testid="label-row"][data-label-name="urgent-fix"]').waitFor();
  await screenshot(dark, 'views-settings-dark');
  await dark.context().close();

  const phone = await newPage('ada-phone', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await signIn(phone);
  for (const [path, ready, name] of [
    [`/w/${slug}/projects`, '[data-testid="project-row"]', 'views-phone-projects'],
    [`/w/${slug}/p/${shop.id}/list`, '[data-testid="task-row"]', 'views-phone-list'],
    [`/w/${slug}/p/${shop.id}/settings`, '[data-testid="status-row"]', 'views-phone-settings'],
    ['/my-tasks', '[data-testid="mytasks-item"]', 'views-phone-my-tasks'],
  ]) {
    await phone.goto(`${BASE_URL}${path}`);
    await phone.locator(ready).first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the phone`);
    await screenshot(phone, name);
  }
  await phone.getByTestId('theme-toggle').click();
  assert.equal(await phone.evaluate(() => document.documentElement.dataset.theme), 'light');
  await screenshot(phone, 'views-phone-my-tasks-light');
  await phone.context().close();
});
