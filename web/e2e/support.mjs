// Helpers of the browser suite: Debian's Chromium through playwright-core,
// console/page-error tracking, screenshots, the mail outbox, TOTP codes.
import { createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through scripts/e2e.sh`);
  return value;
}

export const BASE_URL = required('WS_E2E_BASE_URL').replace(/\/$/, '');
export const DATA_DIR = required('WS_E2E_DATA_DIR');
export const ARTIFACTS = process.env.WS_E2E_ARTIFACTS || fileURLToPath(new URL('../e2e-artifacts/', import.meta.url));
const CHROMIUM = process.env.WS_E2E_CHROMIUM || '/usr/bin/chromium';

mkdirSync(ARTIFACTS, { recursive: true });

/** Headless Debian Chromium; Playwright gives each launch a fresh temporary --user-data-dir. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Records every console error and uncaught page error of a context's pages.
 * The suite fails on any, except network answers a step declares it expects
 * (`expectHttpErrors`): a browser logs "Failed to load resource: … status of
 * 401" for every refused fetch, and some steps are about exactly that answer.
 */
export class ErrorWatch {
  constructor(name) {
    this.name = name;
    this.problems = [];
    this.expected = [];
  }

  attach(context) {
    const watchPage = (page) => {
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const url = msg.location()?.url ?? '';
        const text = msg.text();
        if (this.#consumeExpected(text, url)) return;
        this.problems.push(`[${this.name}] console error: ${text}${url ? ` (${url})` : ''}`);
      });
      page.on('pageerror', (error) => {
        this.problems.push(`[${this.name}] page error: ${error.stack || error.message}`);
      });
    };
    context.on('page', watchPage);
    for (const page of context.pages()) watchPage(page);
    return context;
  }

  #consumeExpected(text, url) {
    const match = /status of (\d{3})/.exec(text);
    if (!match) return false;
    const status = Number(match[1]);
    const path = url.replace(BASE_URL, '').split('?')[0];
    const at = this.expected.findIndex((e) => e.status === status && e.path.test(path) && e.remaining > 0);
    if (at < 0) return false;
    this.expected[at].remaining -= 1;
    this.expected[at].seen += 1;
    return true;
  }

  /**
   * Runs `fn` while the listed answers are allowed, each at most `times` (default 1):
   * `[{ status: 401, path: /^\/api\/v1\/auth\/refresh$/ }]`. Each must happen at least
   * once unless marked `optional` (requests racing the one that fails first).
   */
  async expectHttpErrors(list, fn) {
    const entries = list.map((e) => ({ status: e.status, path: e.path, remaining: e.times ?? 1, seen: 0, required: !e.optional }));
    this.expected.push(...entries);
    try {
      const value = await fn();
      // Console messages arrive asynchronously; give the last ones a moment.
      for (let i = 0; i < 20 && entries.some((e) => e.required && e.seen === 0); i += 1) await sleep(50);
      const missing = entries.filter((e) => e.required && e.seen === 0);
      if (missing.length) {
        throw new Error(`[${this.name}] expected answers did not happen: ${missing.map((e) => `${e.status} ${e.path}`).join(', ')}`);
      }
      return value;
    } finally {
      this.expected = this.expected.filter((e) => !entries.includes(e));
    }
  }

  /** Throws when anything unexpected was logged; clears the record. */
  check() {
    const problems = this.problems.splice(0);
    if (problems.length) throw new Error(`browser reported errors:\n${problems.join('\n')}`);
  }
}

let shotNumber = 0;

/** Saves a full-page screenshot as `NN-name.png` in the artefacts folder. */
export async function screenshot(page, name) {
  shotNumber += 1;
  const file = join(ARTIFACTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Messages in the server's outbox folder (newest last), decoded. */
export function readOutbox() {
  const folder = join(DATA_DIR, 'outbox');
  let names = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, mtime: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name }) => {
      const raw = readFileSync(join(folder, name), 'utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, split);
      const header = (key) => new RegExp(`^${key}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
      return { file: name, to: header('To'), subject: header('Subject'), body: decodeQuotedPrintable(raw.slice(split + 4)) };
    });
}

/** Waits for a mail to `address` matching `pattern` and answers the first match in its body. */
export async function waitForMailLink(address, pattern, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const mail = readOutbox()
      .reverse()
      .find((m) => m.to.includes(address) && pattern.test(m.body));
    if (mail) return pattern.exec(mail.body)[0];
    await sleep(100);
  }
  throw new Error(`no mail to ${address} matching ${pattern} in ${join(DATA_DIR, 'outbox')}`);
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not base32: ${c}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(Number.parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export const TOTP_PERIOD_MS = 30_000;

export function currentTotpStep(now = Date.now()) {
  return Math.floor(now / TOTP_PERIOD_MS);
}

/** RFC 6238 (SHA-1, 6 digits, 30 s) for a time step. */
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/**
 * The server's API from the test process, for setting up state quickly (a
 * Bearer token and no cookies, so no CSRF token is needed). `request` answers
 * the parsed JSON and throws on any non-2xx answer with its status and body.
 */
export class Api {
  constructor(token) {
    this.token = token;
  }

  static async #auth(path, body) {
    const res = await fetch(`${BASE_URL}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text}`);
    return new Api(JSON.parse(text).access_token);
  }

  /** Registers an account (the first one becomes the instance admin) and signs it in. */
  static register({ name, email, password }) {
    return Api.#auth('/auth/register', { name, email, password });
  }

  static login({ email, password }) {
    return Api.#auth('/auth/login', { email, password });
  }

  async request(method, path, body) {
    const res = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body ?? {});
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }
}

/** Today's date (`YYYY-MM-DD`) in a time zone (UTC when unknown), as the server counts "today". */
export function todayIn(timeZone) {
  let zone = 'UTC';
  try {
    if (timeZone) {
      new Intl.DateTimeFormat('en-CA', { timeZone });
      zone = timeZone;
    }
  } catch {
    zone = 'UTC';
  }
  // From the parts, not format(): en-CA's pattern is y-MM-dd in some ICU
  // versions and M/d/y in others (Debian 12's ICU 72, which Node 18 uses).
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Polls `probe` every 50 ms until it answers something truthy; fails after `timeout` ms. */
export async function eventually(what, probe, timeout = 20_000) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/**
 * One suite's browser: pages in their own contexts, each watched for console
 * and page errors. `checkStep` (from afterEach) fails the step on any error
 * and screenshots every open page first.
 */
export class BrowserRun {
  constructor(prefix, viewport = { width: 1280, height: 860 }) {
    this.prefix = prefix;
    this.viewport = viewport;
    this.browser = null;
    this.contexts = [];
    this.watches = [];
  }

  async start() {
    this.browser = await launchBrowser();
  }

  async newPage(name, options = {}) {
    const watch = new ErrorWatch(name);
    const context = watch.attach(await this.browser.newContext({ viewport: this.viewport, ...options }));
    context.setDefaultTimeout(20_000);
    this.contexts.push(context);
    this.watches.push(watch);
    const page = await context.newPage();
    page.watch = watch;
    return page;
  }

  async checkStep(testName) {
    const failed = [];
    for (const watch of this.watches) {
      try {
        watch.check();
      } catch (e) {
        failed.push(e.message);
      }
    }
    if (!failed.length) return;
    for (const context of this.contexts) {
      for (const page of context.pages()) {
        await screenshot(page, `${this.prefix}-${testName.replace(/\W+/g, '-')}`).catch(() => {});
      }
    }
    throw new Error(failed.join('\n'));
  }

  async close() {
    await this.browser?.close();
  }
}

