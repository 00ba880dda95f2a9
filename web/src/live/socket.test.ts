import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceEvent } from '../api/types';
import { backoffDelay, LiveClient, tokenSecondsLeft, type LiveStatus, type SocketLike } from './socket';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

function jwt(expSeconds: number): string {
  const payload = btoa(JSON.stringify({ sub: 'u', exp: expSeconds })).replace(/=+$/, '');
  return `h.${payload}.s`;
}

const event = (seq: number): WorkspaceEvent => ({
  seq,
  workspace_id: 'w1',
  type: 'task.updated',
  actor_id: null,
  entity_type: 'task',
  entity_id: 't1',
  data: {},
  created_at: '2026-11-22T00:00:00Z',
});

function setup(tokens: Array<string | null> = []) {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const events: Array<[string, number]> = [];
  const resets: string[] = [];
  const statuses: LiveStatus[] = [];
  const getToken = vi.fn(async (fresh: boolean) => (fresh ? (tokens.shift() ?? null) : jwt(Date.now() / 1000 + 900)));
  const client = new LiveClient({
    url: 'ws://x/api/v1/ws',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    getToken,
    onEvent: (topic, e) => events.push([topic, e.seq]),
    onReset: (topic) => resets.push(topic),
    onStatus: (s) => statuses.push(s),
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  });
  const runTimers = (pred: (ms: number) => boolean = () => true) => {
    for (const t of timers.splice(0)) if (!t.cleared && pred(t.ms)) t.fn();
  };
  return { client, sockets, timers, events, resets, statuses, getToken, runTimers };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LiveClient', () => {
  it('authenticates with the first message, then subscribes with the last seen seq', async () => {
    const { client, sockets, events } = setup();
    client.subscribe('workspace:w1');
    const s = sockets[0]!;
    s.open();
    await flush();
    expect(s.sent[0]).toMatchObject({ type: 'auth' });
    expect(typeof s.sent[0]!.token).toBe('string');
    expect(s.sent).toHaveLength(1); // nothing before ready
    s.receive({ type: 'ready', user_id: 'u' });
    expect(s.sent[1]).toEqual({ type: 'subscribe', topic: 'workspace:w1', after: null });
    expect(client.currentStatus).toBe('live');
    s.receive({ type: 'subscribed', topic: 'workspace:w1', seq: 10 });
    expect(client.cursor('workspace:w1')).toBe(10);
    s.receive({ type: 'event', topic: 'workspace:w1', event: event(11) });
    s.receive({ type: 'event', topic: 'workspace:w1', event: event(11) }); // a duplicate is dropped
    s.receive({ type: 'event', topic: 'workspace:w1', event: event(12) });
    expect(events).toEqual([
      ['workspace:w1', 11],
      ['workspace:w1', 12],
    ]);
  });

  it('reconnects with backoff and jitter and resumes after the last seq', async () => {
    const { client, sockets, runTimers, timers, statuses } = setup();
    client.subscribe('workspace:w1');
    sockets[0]!.open();
    await flush();
    sockets[0]!.receive({ type: 'ready', user_id: 'u' });
    sockets[0]!.receive({ type: 'subscribed', topic: 'workspace:w1', seq: 3 });
    sockets[0]!.receive({ type: 'event', topic: 'workspace:w1', event: event(4) });
    sockets[0]!.drop();
    expect(client.currentStatus).toBe('reconnecting');
    expect(statuses).toContain('reconnecting');
    const retry = timers.find((t) => !t.cleared && t.ms === backoffDelay(0, () => 0.5));
    expect(retry).toBeDefined();
    runTimers((ms) => ms === retry!.ms);
    expect(sockets).toHaveLength(2);
    // A second failure waits longer.
    sockets[1]!.drop();
    expect(timers.some((t) => t.ms === backoffDelay(1, () => 0.5))).toBe(true);
    runTimers((ms) => ms === backoffDelay(1, () => 0.5));
    const s = sockets[2]!;
    s.open();
    await flush();
    s.receive({ type: 'ready', user_id: 'u' });
    expect(s.sent[1]).toEqual({ type: 'subscribe', topic: 'workspace:w1', after: 4 });
    expect(client.currentStatus).toBe('live');
  });

  it('on reset, tells the owner and continues from the seq the server names', async () => {
    const { client, sockets, resets, events } = setup();
    client.subscribe('workspace:w1');
    sockets[0]!.open();
    await flush();
    sockets[0]!.receive({ type: 'ready', user_id: 'u' });
    sockets[0]!.receive({ type: 'event', topic: 'workspace:w1', event: event(5) });
    sockets[0]!.receive({ type: 'reset', topic: 'workspace:w1' });
    expect(resets).toEqual(['workspace:w1']);
    expect(client.cursor('workspace:w1')).toBeNull();
    sockets[0]!.receive({ type: 'subscribed', topic: 'workspace:w1', seq: 2000 });
    sockets[0]!.receive({ type: 'event', topic: 'workspace:w1', event: event(2001) });
    expect(events.at(-1)).toEqual(['workspace:w1', 2001]);
    expect(client.cursor('workspace:w1')).toBe(2001);
  });

  it('keeps the cursor of an unsubscribed topic for a later subscribe', async () => {
    const { client, sockets } = setup();
    client.subscribe('workspace:w1');
    const s = sockets[0]!;
    s.open();
    await flush();
    s.receive({ type: 'ready', user_id: 'u' });
    s.receive({ type: 'event', topic: 'workspace:w1', event: event(7) });
    client.unsubscribe('workspace:w1');
    expect(s.sent.at(-1)).toEqual({ type: 'unsubscribe', topic: 'workspace:w1' });
    client.subscribe('workspace:w1');
    expect(s.sent.at(-1)).toEqual({ type: 'subscribe', topic: 'workspace:w1', after: 7 });
  });

  it('asks for a fresh token when the one it has is expired, and waits for a new session when a valid one is refused', async () => {
    const fresh = jwt(Date.now() / 1000 + 900);
    const { client, sockets, getToken, timers } = setup([fresh]);
    // The current token is about to expire: a fresh one is fetched before auth.
    getToken.mockImplementationOnce(async () => jwt(Date.now() / 1000 + 5));
    client.subscribe('workspace:w1');
    sockets[0]!.open();
    await flush();
    expect(getToken).toHaveBeenLastCalledWith(true);
    expect(sockets[0]!.sent[0]).toEqual({ type: 'auth', token: fresh });

    // Refused although valid (revoked): no reconnect loop until the token changes.
    sockets[0]!.receive({ type: 'error', code: 'unauthorized', message: 'no' });
    sockets[0]!.drop();
    expect(timers.filter((t) => !t.cleared)).toHaveLength(0);
    expect(sockets).toHaveLength(1);
    client.tokenChanged();
    expect(sockets).toHaveLength(2);
  });

  it('drops a topic the server refuses and stops everything on stop()', async () => {
    const { client, sockets } = setup();
    client.subscribe('workspace:w1');
    sockets[0]!.open();
    await flush();
    sockets[0]!.receive({ type: 'ready', user_id: 'u' });
    sockets[0]!.receive({ type: 'error', code: 'not_found', topic: 'workspace:w1', message: 'gone' });
    expect(client.cursor('workspace:w1')).toBeUndefined();
    client.stop();
    expect(sockets[0]!.closed).toBe(true);
  });

  it('pings a quiet socket and replaces a dead one', async () => {
    vi.useFakeTimers();
    try {
      const { client, sockets, runTimers } = setup();
      client.subscribe('workspace:w1');
      sockets[0]!.open();
      await vi.advanceTimersByTimeAsync(0);
      sockets[0]!.receive({ type: 'ready', user_id: 'u' });
      vi.advanceTimersByTime(26_000);
      runTimers((ms) => ms === 12_500);
      expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'ping' });
      vi.advanceTimersByTime(30_000);
      runTimers((ms) => ms === 12_500);
      expect(sockets[0]!.closed).toBe(true);
      expect(client.currentStatus).toBe('reconnecting');
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes offline with the network and resumes at once when it is back', async () => {
    const { client, sockets, events } = setup();
    client.subscribe('workspace:w1');
    sockets[0]!.open();
    await flush();
    sockets[0]!.receive({ type: 'ready', user_id: 'u' });
    sockets[0]!.receive({ type: 'event', topic: 'workspace:w1', event: event(9) });
    client.setOnline(false);
    expect(client.currentStatus).toBe('offline');
    expect(sockets[0]!.closed).toBe(true);
    client.setOnline(true);
    expect(client.currentStatus).toBe('reconnecting');
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    await flush();
    sockets[1]!.receive({ type: 'ready', user_id: 'u' });
    expect(sockets[1]!.sent[1]).toEqual({ type: 'subscribe', topic: 'workspace:w1', after: 9 });
    sockets[1]!.receive({ type: 'event', topic: 'workspace:w1', event: event(10) });
    expect(events.at(-1)).toEqual(['workspace:w1', 10]);
    expect(client.currentStatus).toBe('live');
  });

  it('reads the expiry of a JWT and bounds the backoff', () => {
    expect(tokenSecondsLeft(jwt(1000), 900_000)).toBe(100);
    expect(tokenSecondsLeft('nonsense')).toBeNull();
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(750);
    expect(backoffDelay(20, () => 0.5)).toBe(30_000);
  });
});
