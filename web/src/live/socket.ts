// The one WebSocket of a tab (docs/realtime.md): first-message auth with the
// in-memory access token, subscriptions with `after` = the last seq seen per
// topic, resume on reconnect (exponential backoff with jitter), `reset`
// handling, heartbeats, presence. Knows nothing of React or the caches: the
// owner passes callbacks.
import type { components } from '../api/schema';
import type { WorkspaceEvent } from '../api/types';

type ServerMessage = components['schemas']['RealtimeServerMessage'];

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type PresenceStatus = 'online' | 'away' | 'offline';

/** The parts of the browser's WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface LiveOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  /**
   * A usable access token. `fresh` asks for one the server has not refused yet
   * (the previous one expired): the owner may refresh the session for it. Null: none.
   */
  getToken: (fresh: boolean) => Promise<string | null>;
  onEvent: (topic: string, event: WorkspaceEvent) => void;
  onReset: (topic: string) => void;
  onPresence?: (topic: string, userId: string, status: PresenceStatus) => void;
  onStatus?: (status: LiveStatus) => void;
  /** A subscription the server ended or refused (`not_found`, `forbidden`). */
  onTopicError?: (topic: string, code: string) => void;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Seconds between pings on a quiet socket; the socket is given up after twice that without a message. */
  heartbeatMs?: number;
}

const OPEN = 1;

/** Backoff before reconnect attempt `n` (0-based): 0.5 s doubling up to 30 s, with ±50 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.5 + random()));
}

/** Seconds until a JWT's `exp` (negative when expired); null when unreadable. */
export function tokenSecondsLeft(token: string, now: number = Date.now()): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp - now / 1000 : null;
  } catch {
    return null;
  }
}

interface Subscription {
  /** The last seq delivered (or the start of live delivery); null: live only from the log's end. */
  after: number | null;
  /** A subscribe was sent on the current socket. */
  sent: boolean;
}

export class LiveClient {
  private socket: SocketLike | null = null;
  private readonly topics = new Map<string, Subscription>();
  /** Cursors of topics unsubscribed earlier: a later subscribe resumes there. */
  private readonly remembered = new Map<string, number | null>();
  private status: LiveStatus = 'connecting';
  private attempt = 0;
  private started = false;
  private authed = false;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private lastMessageAt = 0;
  private presence: 'online' | 'away' = 'online';
  /** The token the server refused while still valid (revoked): wait for a new one. */
  private refusedToken: string | null = null;
  private sentToken: string | null = null;
  private online = true;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly heartbeatMs: number;

  constructor(private readonly options: LiveOptions) {
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
  }

  get currentStatus(): LiveStatus {
    return this.status;
  }

  /** The last seq seen of a topic (for tests and diagnostics). */
  cursor(topic: string): number | null | undefined {
    return this.topics.get(topic)?.after;
  }

  subscribe(topic: string): void {
    if (!this.topics.has(topic)) this.topics.set(topic, { after: this.remembered.get(topic) ?? null, sent: false });
    this.start();
    this.flushSubscriptions();
  }

  unsubscribe(topic: string): void {
    const sub = this.topics.get(topic);
    if (!sub) return;
    this.topics.delete(topic);
    this.remembered.set(topic, sub.after);
    if (sub.sent && this.authed) this.send({ type: 'unsubscribe', topic });
  }

  /** This tab's presence (`away` while hidden). */
  setPresence(status: 'online' | 'away'): void {
    if (this.presence === status) return;
    this.presence = status;
    if (this.authed) this.send({ type: 'presence', status });
  }

  /** The browser says the network is back (or gone). */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (!online) {
      // Nothing gets through; a socket that looks open may be dead. Close it and
      // resume (after = the last seq) when the network is back.
      this.clearRetry();
      this.dropSocket();
      this.setStatus('offline');
      return;
    }
    if (this.started && !this.socket) {
      this.attempt = 0;
      this.clearRetry();
      this.setStatus('reconnecting');
      this.connect();
    }
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.authed = false;
    this.stopHeartbeat();
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      socket.close(1000, 'offline');
    }
  }

  /** A new access token exists (sign-in, refresh): reconnect if the last one was refused. */
  tokenChanged(): void {
    if (this.refusedToken !== null && this.started && !this.socket) {
      this.refusedToken = null;
      this.clearRetry();
      this.connect();
    }
  }

  /** Closes the socket and forgets every subscription (sign-out). */
  stop(): void {
    this.started = false;
    this.topics.clear();
    this.remembered.clear();
    this.clearRetry();
    this.dropSocket();
    this.setStatus('connecting');
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private connect(): void {
    if (!this.started || this.socket) return;
    if (!this.online) {
      this.setStatus('offline');
      return;
    }
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.authed = false;
    for (const sub of this.topics.values()) sub.sent = false;
    socket.onopen = () => {
      void this.authenticate(socket);
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.lastMessageAt = Date.now();
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.handle(msg);
    };
    socket.onerror = () => {
      // A close follows; nothing to do here.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.authed = false;
      this.stopHeartbeat();
      if (!this.started) return;
      if (this.refusedToken !== null) {
        // Revoked: nothing to retry until a new session exists.
        this.setStatus('reconnecting');
        return;
      }
      this.scheduleReconnect();
    };
  }

  private async authenticate(socket: SocketLike): Promise<void> {
    let token: string | null = null;
    try {
      token = await this.options.getToken(false);
      const left = token === null ? null : tokenSecondsLeft(token);
      if (token === null || (left !== null && left < 30)) token = await this.options.getToken(true);
    } catch {
      token = null;
    }
    if (this.socket !== socket) return;
    if (token === null) {
      // No session (or no network for a refresh): try again later.
      socket.close(1000, 'no token');
      return;
    }
    this.sentToken = token;
    this.send({ type: 'auth', token });
  }

  private scheduleReconnect(): void {
    this.setStatus(this.online ? 'reconnecting' : 'offline');
    this.clearRetry();
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private send(msg: Record<string, unknown>): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }

  private flushSubscriptions(): void {
    if (!this.authed) return;
    for (const [topic, sub] of this.topics) {
      if (sub.sent) continue;
      sub.sent = true;
      this.send({ type: 'subscribe', topic, after: sub.after });
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const tick = () => {
      const quiet = Date.now() - this.lastMessageAt;
      if (quiet >= this.heartbeatMs * 2) {
        // No pong, no event: the connection is dead without having said so.
        const socket = this.socket;
        if (socket) {
          socket.onclose?.({ code: 4000 });
          socket.close(4000, 'heartbeat');
        }
        return;
      }
      if (quiet >= this.heartbeatMs) this.send({ type: 'ping' });
      this.pingTimer = this.setTimer(tick, this.heartbeatMs / 2);
    };
    this.pingTimer = this.setTimer(tick, this.heartbeatMs / 2);
  }

  private stopHeartbeat(): void {
    if (this.pingTimer !== null) this.clearTimer(this.pingTimer);
    this.pingTimer = null;
  }

  private handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'ready':
        this.authed = true;
        this.attempt = 0;
        this.refusedToken = null;
        this.setStatus('live');
        this.startHeartbeat();
        if (this.presence === 'away') this.send({ type: 'presence', status: 'away' });
        this.flushSubscriptions();
        return;
      case 'subscribed': {
        const sub = msg.topic ? this.topics.get(msg.topic) : undefined;
        if (sub && typeof msg.seq === 'number' && (sub.after === null || msg.seq > sub.after)) sub.after = msg.seq;
        return;
      }
      case 'event': {
        const event = msg.event;
        const topic = msg.topic;
        if (!event || !topic) return;
        const sub = this.topics.get(topic);
        if (!sub) return;
        if (sub.after !== null && event.seq <= sub.after) return; // already seen
        sub.after = event.seq;
        this.options.onEvent(topic, event);
        return;
      }
      case 'reset': {
        const sub = msg.topic ? this.topics.get(msg.topic) : undefined;
        if (!sub || !msg.topic) return;
        // The server continues live from the log's end and says where in `subscribed`.
        sub.after = null;
        this.options.onReset(msg.topic);
        return;
      }
      case 'presence':
        if (msg.topic && msg.user_id && msg.status) this.options.onPresence?.(msg.topic, msg.user_id, msg.status);
        return;
      case 'error':
        if (msg.code === 'unauthorized' && !this.authed) {
          const left = this.sentToken === null ? null : tokenSecondsLeft(this.sentToken);
          // An expired token gets a fresh one on the next attempt; a valid one that was
          // refused was revoked: wait for a new session instead of hammering the server.
          if (left === null || left > 0) this.refusedToken = this.sentToken;
          return;
        }
        if (msg.code === 'unauthorized') {
          // Revoked while connected: the server closes the socket next.
          this.refusedToken = this.sentToken;
          return;
        }
        if (msg.topic && (msg.code === 'not_found' || msg.code === 'forbidden')) {
          this.topics.delete(msg.topic);
          this.remembered.delete(msg.topic);
          this.options.onTopicError?.(msg.topic, msg.code);
        }
        return;
      case 'pong':
      case 'typing':
      default:
        return;
    }
  }
}
