import { io, type Socket } from 'socket.io-client';
import type { PublicActor, PublicEvent } from '../../lib/events/types';
import { until } from './wait';

export interface Presence {
  threadId: number;
  participants: PublicActor[];
}
export interface Typing {
  threadId: number;
  who: PublicActor;
}

export interface LiveSocket {
  socket: Socket;
  /** Everything the server sent, in arrival order. */
  events: PublicEvent[];
  presence: Presence[];
  typing: Typing[];
  unsubscribed: { channel: string; reason: string }[];
  /** Emits and waits for the ack: no answer within 5 s rejects (a handler that never replies fails the test). */
  call<T = any>(event: string, payload: unknown): Promise<T>;
  /**
   * One round trip to the server and back on this socket: everything the server sent to it before
   * answering has arrived once this resolves (a marker for "nothing arrived" checks).
   */
  roundTrip(): Promise<void>;
  waitFor(predicate: (events: PublicEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A socket.io client as a browser page would open it, with the session cookie. */
export function openSocket(
  baseUrl: string,
  cookie: string | null,
  options: { origin?: string; reconnection?: boolean; authorization?: string } = {},
): Socket {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.origin) headers.origin = options.origin;
  if (options.authorization) headers.authorization = options.authorization;
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
}

/** A channel no test subscribes to: unsubscribing from it changes nothing and is always answered. */
const NOWHERE = { channel: 'thread:999999999999' };

export async function connect(
  baseUrl: string,
  cookie: string | null,
  options: { origin?: string; reconnection?: boolean } = {},
): Promise<LiveSocket> {
  const socket = openSocket(baseUrl, cookie, options);
  const live: LiveSocket = {
    socket,
    events: [],
    presence: [],
    typing: [],
    unsubscribed: [],
    call: (event, payload) => socket.timeout(5000).emitWithAck(event, payload),
    async roundTrip() {
      await socket.timeout(5000).emitWithAck('unsubscribe', NOWHERE);
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      await until(
        () => predicate(live.events),
        () => `events; received ${live.events.map((e) => `${e.id}:${e.type}`).join(', ')}`,
        timeoutMs,
      );
    },
    close: () => socket.disconnect(),
  };
  socket.on('event', (event: PublicEvent) => live.events.push(event));
  socket.on('presence', (presence: Presence) => live.presence.push(presence));
  socket.on('typing', (typing: Typing) => live.typing.push(typing));
  socket.on('unsubscribed', (notice: { channel: string; reason: string }) => live.unsubscribed.push(notice));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return live;
}

/** The connect_error message a socket gets, or null if it connected. */
export async function refusal(baseUrl: string, cookie: string | null, origin?: string, authorization?: string): Promise<string | null> {
  const socket = openSocket(baseUrl, cookie, { origin, authorization });
  try {
    return await new Promise<string | null>((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.disconnect();
  }
}
