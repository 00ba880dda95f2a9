// The tab's one LiveClient, wired to the API client (token, sign-out) and the
// query caches, plus small stores React reads through useSyncExternalStore:
// the connection status and presence per workspace.
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { applyEvent, resetWorkspace } from './cache';
import { LiveClient, type LiveStatus, type PresenceStatus, type SocketLike } from './socket';

type Listener = () => void;

class Store<T> {
  private listeners = new Set<Listener>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const fn of this.listeners) fn();
  }
  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
}

const statusStore = new Store<LiveStatus>('connecting');
/** workspace id → (user id → status); a new Map per change so React sees it. */
const presenceStore = new Store<ReadonlyMap<string, ReadonlyMap<string, PresenceStatus>>>(new Map());

export function workspaceOfTopic(topic: string): string | null {
  return topic.startsWith('workspace:') ? topic.slice('workspace:'.length) : null;
}

function setPresence(wsId: string, userId: string, status: PresenceStatus): void {
  const all = new Map(presenceStore.get());
  const one = new Map(all.get(wsId) ?? []);
  if (status === 'offline') one.delete(userId);
  else one.set(userId, status);
  all.set(wsId, one);
  presenceStore.set(all);
}

function forgetPresence(wsId: string): void {
  if (!presenceStore.get().has(wsId)) return;
  const all = new Map(presenceStore.get());
  all.delete(wsId);
  presenceStore.set(all);
}

/** Whether this build opens sockets (off under Vitest unless a test turns it on). */
let enabled = import.meta.env.MODE !== 'test';
let createSocket: (url: string) => SocketLike = (url) => new WebSocket(url) as unknown as SocketLike;
let client: LiveClient | null = null;
let cleanup: Array<() => void> = [];

/** For tests: turn the live client on with a fake socket. */
export function configureLive(options: { enabled: boolean; createSocket?: (url: string) => SocketLike }): void {
  stopLive();
  enabled = options.enabled;
  if (options.createSocket) createSocket = options.createSocket;
}

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/api/v1/ws`;
}

/** The tab's client, created on first use. Null when live updates are off. */
export function getLive(queryClient: QueryClient): LiveClient | null {
  if (!enabled || typeof window === 'undefined') return null;
  if (client) return client;
  const live = new LiveClient({
    url: socketUrl(),
    createSocket: (url) => createSocket(url),
    getToken: async (fresh) => {
      if (!fresh && api.accessToken) return api.accessToken;
      if (!api.mayHaveSession()) return null;
      return (await api.refresh()).access_token;
    },
    onEvent: (topic, event) => {
      const wsId = workspaceOfTopic(topic);
      if (wsId) applyEvent(queryClient, wsId, event);
    },
    onReset: (topic) => {
      const wsId = workspaceOfTopic(topic);
      if (wsId) resetWorkspace(queryClient, wsId);
    },
    onPresence: (topic, userId, status) => {
      const wsId = workspaceOfTopic(topic);
      if (wsId) setPresence(wsId, userId, status);
    },
    onTopicError: (topic) => {
      const wsId = workspaceOfTopic(topic);
      if (wsId) forgetPresence(wsId);
    },
    onStatus: (status) => statusStore.set(status),
  });
  client = live;
  const onVisibility = () => live.setPresence(document.hidden ? 'away' : 'online');
  const onOnline = () => live.setOnline(true);
  const onOffline = () => live.setOnline(false);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) live.setOnline(false);
  onVisibility();
  cleanup = [
    () => document.removeEventListener('visibilitychange', onVisibility),
    () => window.removeEventListener('online', onOnline),
    () => window.removeEventListener('offline', onOffline),
    api.onSession(() => live.tokenChanged()),
    api.onSignOut(() => stopLive()),
  ].map((fn) => () => void fn());
  return live;
}

/** Closes the socket and forgets everything (sign-out). */
export function stopLive(): void {
  for (const fn of cleanup) fn();
  cleanup = [];
  client?.stop();
  client = null;
  statusStore.set('connecting');
  presenceStore.set(new Map());
}

/** 'connecting' | 'live' | 'reconnecting' | 'offline'. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(statusStore.subscribe, statusStore.get, statusStore.get);
}

const NO_PRESENCE: ReadonlyMap<string, PresenceStatus> = new Map();

/** user id → 'online' | 'away' for a workspace (absent: offline). */
export function usePresence(wsId: string): ReadonlyMap<string, PresenceStatus> {
  const all = useSyncExternalStore(presenceStore.subscribe, presenceStore.get, presenceStore.get);
  return all.get(wsId) ?? NO_PRESENCE;
}
