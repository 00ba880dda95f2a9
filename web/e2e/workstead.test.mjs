// The browser suite: a real `workstead serve` (started by scripts/e2e.sh) and
// Debian's Chromium. The scenarios build on each other and run in order:
// first-run admin, a workspace, an invitation accepted through the outbox
// link, 2FA enrol + sign-in, session revoke across contexts, and a workspace
// rename that survives a reload. Any console or page error fails the step.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { BASE_URL, BrowserRun, currentTotpStep, eventually, screenshot, totp, waitForMailLink } from './support.mjs';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical engine 1843' };
const grace = { name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol compiler 1959' };
const workspace = { name: 'Acme Research', slug: 'acme-research', renamed: 'Acme Labs', renamedSlug: 'acme-labs' };

const run = new BrowserRun('failure');
let admin; // Ada's page (context A)
let invitee; // Grace's first page (context B)
let totpSecret;
let lastTotpStep = 0;

const newPage = (name, options) => run.newPage(name, options);

async function textOf(page, testId) {
  return (await page.getByTestId(testId).first().textContent())?.trim() ?? '';
}

async function signIn(page, who, { code } = {}) {
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  if (code) {
    await page.getByTestId('login-totp').fill(code());
    await page.getByTestId('login-totp-submit').click();
  }
  await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
}

/** A TOTP code for a time step never used before (the server refuses a step twice; it accepts ±1). */
function freshTotp() {
  const step = Math.max(currentTotpStep(), lastTotpStep + 1);
  assert.ok(step <= currentTotpStep() + 1, 'no unused TOTP step inside the accepted window');
  lastTotpStep = step;
  return totp(totpSecret, step);
}

before(async () => {
  await run.start();
});

afterEach((t) => run.checkStep(t.name));

after(() => run.close());

test('first run: the first account is created as the instance admin', async () => {
  admin = await newPage('ada');
  await admin.goto(`${BASE_URL}/`);
  await admin.waitForURL(/\/setup$/);
  await admin.getByRole('heading', { name: 'Create the admin account' }).waitFor();
  await screenshot(admin, 'setup');
  await admin.getByTestId('register-name').fill(ada.name);
  await admin.getByTestId('register-email').fill(ada.email);
  await admin.getByTestId('register-password').fill(ada.password);
  await admin.getByTestId('register-confirm').fill(ada.password);
  await admin.getByTestId('register-submit').click();
  await admin.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
  await admin.getByTestId('nav-admin').waitFor();
  await admin.getByTestId('home-no-workspaces').waitFor();
  await screenshot(admin, 'home-empty');

  // A second visitor no longer gets the first-run screen.
  const other = await newPage('visitor');
  await other.goto(`${BASE_URL}/setup`);
  await other.waitForURL(/\/sign-in$/);
  await other.getByTestId('login-email').waitFor();
  await screenshot(other, 'sign-in');
  await other.context().close();
});

test('a workspace is created from the home page and opens on its activity feed', async () => {
  await admin.getByTestId('home-create-workspace').click();
  await admin.getByTestId('workspace-name').fill(workspace.name);
  await eventually('the derived address', async () => (await admin.getByTestId('workspace-slug').getAttribute('placeholder')) === workspace.slug);
  await screenshot(admin, 'workspace-new');
  await admin.getByTestId('workspace-create-submit').click();
  await admin.waitForURL(`${BASE_URL}/w/${workspace.slug}/activity`);
  assert.equal(await textOf(admin, 'workspace-title'), workspace.name);
  await eventually('the creation in the feed', async () => (await admin.getByTestId('activity-item').count()) >= 2);
  const first = await admin.getByTestId('activity-item').first().textContent();
  assert.match(first ?? '', /You (created the workspace|joined as owner)/);
  await screenshot(admin, 'workspace-activity');
});

test('an invitation is accepted through the link in the outbox mail', async () => {
  await admin.getByTestId('ws-tab-members').click();
  await admin.getByTestId('member-row').first().waitFor();
  await admin.getByTestId('invite-email').fill(grace.email);
  await admin.getByTestId('invite-role').selectOption('member');
  await admin.getByTestId('invite-submit').click();
  await admin.locator(`[data-testid="invitation-row"][data-email="${grace.email}"]`).waitFor();
  await screenshot(admin, 'workspace-members-invited');

  const link = await waitForMailLink(grace.email, /https?:\/\/[^\s"<>]+\/invite\/[A-Za-z0-9_-]+/);
  assert.ok(link.startsWith(`${BASE_URL}/invite/`), `the link points at this server: ${link}`);

  invitee = await newPage('grace');
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: `Join ${workspace.name}` }).waitFor();
  assert.equal(await invitee.getByTestId('accept-email').inputValue(), grace.email);
  await screenshot(invitee, 'accept-invitation');
  await invitee.getByTestId('accept-name').fill(grace.name);
  await invitee.getByTestId('accept-password').fill(grace.password);
  await invitee.getByTestId('accept-confirm').fill(grace.password);
  await invitee.getByTestId('accept-register').click();
  await invitee.waitForURL(`${BASE_URL}/w/${workspace.slug}/activity`);
  assert.equal(await textOf(invitee, 'workspace-title'), workspace.name);
  await eventually('Grace joining in the feed', async () => /You joined as member/.test((await invitee.getByTestId('activity-feed').textContent()) ?? ''));

  // The admin sees the new member, no pending invitation, and changes her role.
  await admin.reload();
  const row = admin.locator(`[data-testid="member-row"][data-user-email="${grace.email}"]`);
  await row.waitFor();
  assert.equal(await admin.locator('[data-testid="invitation-row"]').count(), 0);
  await row.getByTestId('member-role').selectOption('manager');
  await eventually('the new role', async () => (await row.getAttribute('data-role')) === 'manager');
  await admin.getByTestId('members-notice').waitFor();
  await screenshot(admin, 'workspace-members');

  // Teams: one with Grace in it.
  await admin.getByTestId('ws-tab-teams').click();
  await admin.getByTestId('team-create').click();
  await admin.getByTestId('team-name').fill('Compilers');
  await admin.locator(`[data-testid="team-member-option"][data-email="${grace.email}"]`).check();
  await admin.getByTestId('team-save').click();
  const team = admin.locator('[data-testid="team-row"][data-team-name="Compilers"]');
  await team.waitFor();
  assert.match((await team.textContent()) ?? '', /Grace Hopper/);
  await screenshot(admin, 'workspace-teams');
});

test('two-step verification: enrol with the shown secret, then sign in with a code', async () => {
  await admin.goto(`${BASE_URL}/security`);
  await admin.getByTestId('totp-setup').click();
  totpSecret = (await textOf(admin, 'totp-secret')).replace(/\s/g, '');
  assert.match(totpSecret, /^[A-Z2-7]+=*$/);
  await admin.getByTestId('totp-code').fill(freshTotp());
  await admin.getByTestId('totp-enable').click();
  await eventually('ten recovery codes', async () => (await admin.getByTestId('recovery-code').count()) === 10);
  await screenshot(admin, 'security-recovery-codes');
  await admin.getByTestId('recovery-codes-done').click();
  await screenshot(admin, 'security');

  await admin.getByTestId('user-menu').click();
  await admin.getByTestId('sign-out').click();
  await admin.getByTestId('login-email').waitFor();
  // Without the code the server answers 401 totp_required: that is the second step.
  await admin.watch.expectHttpErrors([{ status: 401, path: /^\/api\/v1\/auth\/login$/ }], async () => {
    await admin.getByTestId('login-email').fill(ada.email);
    await admin.getByTestId('login-password').fill(ada.password);
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('login-totp').waitFor();
  });
  await screenshot(admin, 'sign-in-second-step');
  await admin.getByTestId('login-totp').fill(freshTotp());
  await admin.getByTestId('login-totp-submit').click();
  await admin.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
  await admin.getByTestId('home-workspace').first().waitFor();
  await screenshot(admin, 'home');

  // The other main screens, for the record.
  await admin.getByRole('link', { name: 'Profile', exact: true }).first().click();
  await admin.getByTestId('profile-name').waitFor();
  await screenshot(admin, 'profile');
  await admin.getByTestId('nav-admin').click();
  await admin.getByTestId('user-row').first().waitFor();
  await screenshot(admin, 'admin-users');
});

test('revoking a session in one browser signs the other one out', async () => {
  const second = await newPage('grace-2');
  await second.goto(`${BASE_URL}/sign-in`);
  await signIn(second, grace);
  await second.getByTestId('nav-security').click();
  await eventually('two sessions', async () => (await second.getByTestId('session-row').count()) === 2);
  await screenshot(second, 'security-sessions');
  const other = second.locator('[data-testid="session-row"][data-current="false"]');
  await other.getByTestId('session-revoke').click();
  await eventually('the revoked session gone', async () => (await second.getByTestId('session-row').count()) === 1);

  // The first browser's next request is refused, its refresh too: it is signed out.
  await invitee.watch.expectHttpErrors(
    [
      // The security page asks for sessions and tokens at once: both are refused,
      // then the one shared refresh is refused too.
      { status: 401, path: /^\/api\/v1\/auth\/sessions$/ },
      { status: 401, path: /^\/api\/v1\/me\/tokens$/, optional: true },
      { status: 401, path: /^\/api\/v1\/auth\/refresh$/ },
    ],
    async () => {
      await invitee.getByTestId('nav-security').click();
      await invitee.getByTestId('login-email').waitFor();
    },
  );
  await invitee.getByText('Your session ended. Sign in again to continue.').waitFor();
  await screenshot(invitee, 'signed-out-after-revoke');

  // The revoking browser is still signed in.
  await second.reload();
  await eventually('still one session', async () => (await second.getByTestId('session-row').count()) === 1);
  await second.context().close();
});

test('a renamed workspace keeps its new name and address after a reload', async () => {
  await admin.goto(`${BASE_URL}/w/${workspace.slug}/settings`);
  await admin.getByTestId('settings-name').fill(workspace.renamed);
  await admin.getByTestId('settings-slug').fill('Acme Labs'); // typed with a space and capitals
  assert.equal(await admin.getByTestId('settings-slug').inputValue(), 'acme-labs');
  await admin.getByTestId('settings-save').click();
  await admin.getByTestId('workspace-saved').waitFor();
  await admin.waitForURL(`${BASE_URL}/w/${workspace.renamedSlug}/settings`);
  await screenshot(admin, 'workspace-settings');

  await admin.reload();
  await admin.getByTestId('settings-name').waitFor();
  assert.equal(await admin.getByTestId('settings-name').inputValue(), workspace.renamed);
  assert.equal(await admin.getByTestId('settings-slug').inputValue(), workspace.renamedSlug);
  assert.equal(await textOf(admin, 'workspace-title'), workspace.renamed);

  // The switcher, by keyboard: it lists the new name and goes there.
  await admin.getByTestId('workspace-switcher').focus();
  await admin.keyboard.press('ArrowDown');
  const item = admin.locator(`[data-testid="workspace-switcher-item"][data-slug="${workspace.renamedSlug}"]`);
  await item.waitFor();
  assert.equal(await item.evaluate((el) => el === document.activeElement), true);
  await screenshot(admin, 'workspace-switcher');
  assert.match((await item.textContent()) ?? '', new RegExp(workspace.renamed));
  await admin.keyboard.press('Escape');
  assert.equal(await admin.getByTestId('workspace-switcher').evaluate((el) => el === document.activeElement), true);

  // The old address no longer opens it.
  await admin.watch.expectHttpErrors([{ status: 404, path: new RegExp(`^/api/v1/workspaces/${workspace.slug}$`) }], async () => {
    await admin.goto(`${BASE_URL}/w/${workspace.slug}`);
    await admin.getByTestId('workspace-missing').waitFor();
  });
});

test('deleting a workspace asks for its name and leaves no trace in the app', async () => {
  await admin.goto(`${BASE_URL}/workspaces/new`);
  await admin.getByTestId('workspace-name').fill('Scratch pad');
  await admin.getByTestId('workspace-create-submit').click();
  await admin.waitForURL(`${BASE_URL}/w/scratch-pad/activity`);
  await admin.getByTestId('ws-tab-settings').click();
  await admin.getByTestId('workspace-delete').click();
  const confirm = admin.getByTestId('workspace-delete-dialog-confirm');
  assert.equal(await confirm.isDisabled(), true);
  await admin.getByTestId('workspace-delete-name').fill('Scratch pad');
  await screenshot(admin, 'workspace-delete');
  await confirm.click();
  await admin.getByTestId('home-notice').waitFor();
  assert.match(await textOf(admin, 'home-notice'), /Scratch pad was deleted/);
  const slugs = await admin.getByTestId('home-workspace').evaluateAll((els) => els.map((el) => el.getAttribute('data-slug')));
  assert.deepEqual(slugs, [workspace.renamedSlug]);
});

test('phone width and dark theme', async () => {
  const phone = await newPage('phone', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await phone.goto(`${BASE_URL}/sign-in`);
  await screenshot(phone, 'phone-dark-sign-in');
  await signIn(phone, grace);
  await phone.goto(`${BASE_URL}/w/${workspace.renamedSlug}/members`);
  await phone.locator(`[data-testid="member-row"][data-user-email="${ada.email}"]`).waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await screenshot(phone, 'phone-dark-members');

  // The theme toggle overrides the system: system → light → dark, kept across a reload.
  const toggle = phone.getByTestId('theme-toggle');
  await toggle.click();
  assert.equal(await phone.evaluate(() => document.documentElement.dataset.theme), 'light');
  await screenshot(phone, 'phone-light-members');
  await toggle.click();
  await phone.reload();
  await phone.locator(`[data-testid="member-row"][data-user-email="${ada.email}"]`).waitFor();
  assert.equal(await phone.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await phone.context().close();
});
