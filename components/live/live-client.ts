'use client';

import { io, type Socket } from 'socket.io-client';
import type { PublicActor, PublicEvent } from '@/lib/events/types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/types';
import type { MessageView } from '@/lib/services/threads/messages';
import type { NotificationView } from '@/lib/services/notifications/render';
import { channelCarries, parseChannel } from '@/lib/realtime/channels';

export type MessageAnswer = { ok: true; message: MessageView } | { ok: false; error: string; fields?: Record<string, string> };
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
type EventListener = (event: PublicEvent) => void;

interface Channel {
  /** The last event id this page has seen on the channel: the `since` of every resubscribe. */
  lastId: number;
  listeners: Set<EventListener>;
  closed?: string;
}

function belongsTo(name: string, event: PublicEvent): boolean {
  const channel = parseChannel(name);
  return channel !== null && channelCarries(channel, event);
}

/**
 * One socket per page, any number of channel listeners. After every (re)connect each channel is
 * subscribed again with `since` = its last seen id; events are delivered once, in id order,
 * duplicates dropped by id — no gap, no duplicate, even across a server restart.
 */
export class LiveClient {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly channels = new Map<string, Channel>();
  private readonly statusListeners = new Set<() => void>();
  private readonly presenceListeners = new Map<number, Set<(participants: PublicActor[]) => void>>();
  private readonly typingListeners = new Map<number, Set<(who: PublicActor) => void>>();
  private readonly closedListeners = new Set<(channel: string, reason: string) => void>();
  private readonly notificationListeners = new Set<(notification: NotificationView) => void>();
  status: LiveStatus = 'connecting';

  /** In the browser: same origin, the cookie goes by itself. Tests pass a URL and the cookie header. */
  constructor(
    options: {
      url?: string;
      extraHeaders?: Record<string, string>;
      reconnectionDelay?: number;
      transports?: ('websocket' | 'polling')[];
    } = {},
  ) {
    const settings = {
      path: '/socket.io',
      // WebSocket first; where a network blocks it, HTTP long-polling (several processes then need sticky sessions).
      transports: options.transports ?? ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: options.reconnectionDelay ?? 1000,
      reconnectionDelayMax: 5000,
      extraHeaders: options.extraHeaders,
    };
    this.socket = options.url ? io(options.url, settings) : io(settings);
    if (!options.url) {
      // Sessions are short and rolling: while a live page stays open, keep its cookie fresh.
      setInterval(() => void fetch('/api/v1/me', { cache: 'no-store' }).catch(() => {}), 5 * 60 * 1000);
    }
    this.socket.on('connect', () => {
      this.setStatus('live');
      for (const name of this.channels.keys()) this.subscribe(name);
    });
    this.socket.on('disconnect', () => this.setStatus(this.socket.active ? 'reconnecting' : 'offline'));
    this.socket.on('connect_error', () => this.setStatus(this.socket.active ? 'reconnecting' : 'offline'));
    this.socket.io.on('reconnect_attempt', () => this.setStatus('reconnecting'));
    this.socket.on('event', (event) => this.deliver(event));
    this.socket.on('presence', ({ threadId, participants }) => this.presenceListeners.get(threadId)?.forEach((l) => l(participants)));
    this.socket.on('typing', ({ threadId, who }) => this.typingListeners.get(threadId)?.forEach((l) => l(who)));
    this.socket.on('notification', (notification) => this.notificationListeners.forEach((l) => l(notification)));
    this.socket.on('unsubscribed', ({ channel, reason }) => {
      const state = this.channels.get(channel);
      if (state) state.closed = reason;
      this.closedListeners.forEach((l) => l(channel, reason));
    });
  }

  join(channel: string, since: number, listener: EventListener): () => void {
    let state = this.channels.get(channel);
    if (!state) {
      state = { lastId: since, listeners: new Set() };
      this.channels.set(channel, state);
      state.listeners.add(listener);
      if (this.socket.connected) this.subscribe(channel);
    } else {
      state.lastId = Math.min(state.lastId, since);
      state.listeners.add(listener);
    }
    return () => {
      const current = this.channels.get(channel);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        this.channels.delete(channel);
        if (this.socket.connected) this.socket.emit('unsubscribe', { channel });
      }
    };
  }

  private subscribe(channel: string): void {
    const state = this.channels.get(channel);
    if (!state || state.closed) return;
    this.socket.emit('subscribe', { channel, since: state.lastId }, (answer) => {
      if (!answer.ok) {
        state.closed = answer.error;
        this.closedListeners.forEach((l) => l(channel, answer.error));
        return;
      }
      if (answer.truncated && typeof window !== 'undefined') window.location.reload();
      for (const event of answer.missed) this.deliverTo(state, event);
    });
  }

  private deliver(event: PublicEvent): void {
    for (const [name, state] of this.channels) if (belongsTo(name, event)) this.deliverTo(state, event);
  }

  private deliverTo(state: Channel, event: PublicEvent): void {
    if (event.id <= state.lastId) return;
    state.lastId = event.id;
    state.listeners.forEach((listener) => listener(event));
  }

  onPresence(threadId: number, listener: (participants: PublicActor[]) => void): () => void {
    return this.addTo(this.presenceListeners, threadId, listener);
  }

  onTyping(threadId: number, listener: (who: PublicActor) => void): () => void {
    return this.addTo(this.typingListeners, threadId, listener);
  }

  /** This participant's new notifications, as they are committed. */
  onNotification(listener: (notification: NotificationView) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  onChannelClosed(listener: (channel: string, reason: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  typing(threadId: number): void {
    if (this.socket.connected) this.socket.emit('typing', { threadId });
  }

  async sendMessage(threadId: number, body: string, opId: string): Promise<MessageAnswer> {
    try {
      return (await this.socket.timeout(10_000).emitWithAck('message:send', { threadId, body, opId })) as MessageAnswer;
    } catch {
      return { ok: false, error: 'timeout' };
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Drops the connection as a network failure would; the client reconnects by itself. */
  simulateDrop(): void {
    this.socket.io.engine?.close();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.statusListeners.forEach((l) => l());
  }

  private addTo<T>(map: Map<number, Set<T>>, key: number, listener: T): () => void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}

let client: LiveClient | null = null;

export function liveClient(): LiveClient {
  return (client ??= new LiveClient());
}
