import { io, type Socket } from 'socket.io-client';
import type { PublicEvent } from '../../lib/events/types';

export interface LiveSocket {
  socket: Socket;
  events: PublicEvent[];
  /** Emits and waits for the ack. */
  call<T = any>(event: string, payload: unknown): Promise<T>;
  waitFor(predicate: (events: PublicEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A socket.io client as a browser page would open it, with the session cookie. */
export function openSocket(baseUrl: string, cookie: string | null, options: { origin?: string; reconnection?: boolean } = {}): Socket {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.origin) headers.origin = options.origin;
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
}

export async function connect(
  baseUrl: string,
  cookie: string | null,
  options: { origin?: string; reconnection?: boolean } = {},
): Promise<LiveSocket> {
  const socket = openSocket(baseUrl, cookie, options);
  const events: PublicEvent[] = [];
  socket.on('event', (event: PublicEvent) => events.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return {
    socket,
    events,
    call: (event, payload) => socket.timeout(5000).emitWithAck(event, payload),
    async waitFor(predicate, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > end) throw new Error(`Timed out waiting; received ${events.map((e) => `${e.id}:${e.type}`).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => socket.disconnect(),
  };
}

/** The connect_error message a socket gets, or null if it connected. */
export async function refusal(baseUrl: string, cookie: string | null, origin?: string): Promise<string | null> {
  const socket = openSocket(baseUrl, cookie, { origin });
  try {
    return await new Promise<string | null>((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
