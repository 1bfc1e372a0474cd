import type http from 'node:http';
import { authenticate } from '../auth/authenticate';
import { isSameOriginRequest } from '../http/same-origin';
import type { Io } from './context';
import type { SocketLimits } from './types';

export const MAX_SOCKETS_PER_PARTICIPANT = 20;

/** Per socket: typing at most 5 times and subscribing at most 30 times per 10 seconds. */
const SOCKET_BUDGETS = { typing: 5, subscribe: 30 } as const;
const BUDGET_WINDOW_MS = 10_000;

/** WebSockets are not covered by CORS: a foreign origin is refused before the handshake. */
export function allowSameOrigin(req: http.IncomingMessage, callback: (error: string | null, allowed: boolean) => void): void {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const allowed = isSameOriginRequest(headers);
  callback(allowed ? null : 'unauthorized', allowed);
}

/**
 * The handshake: a valid session cookie (API tokens are for scripts, not sockets) and at most
 * MAX_SOCKETS_PER_PARTICIPANT sockets per participant. The seat is reserved in the same
 * synchronous step as the check, so concurrent handshakes cannot all slip under the cap, and
 * given back when the connection closes, whether or not it ever finished connecting.
 */
export function authenticateSockets(io: Io): void {
  const seats = new Map<number, number>();
  io.use(async (socket, next) => {
    let auth;
    try {
      auth = await authenticate({ cookieHeader: socket.request.headers.cookie ?? null });
    } catch {
      auth = null;
    }
    if (!auth || auth.via !== 'session') return next(new Error('unauthorized'));
    const id = auth.viewer.id;
    const taken = seats.get(id) ?? 0;
    if (taken >= MAX_SOCKETS_PER_PARTICIPANT) return next(new Error('too_many_connections'));
    seats.set(id, taken + 1);
    socket.conn.once('close', () => {
      const left = (seats.get(id) ?? 1) - 1;
      if (left > 0) seats.set(id, left);
      else seats.delete(id);
    });
    socket.data.participantId = id;
    socket.data.tokenVersion = auth.viewer.tokenVersion;
    socket.data.expiresAt = auth.session?.expiresAt ?? 0;
    socket.data.channels = new Set();
    socket.data.attribution = new Map();
    socket.data.seats = {};
    socket.data.limits = socketLimits();
    // The handshake's request (headers, buffers) is no longer needed: release it (~memory per socket).
    (socket.conn as unknown as { request: unknown }).request = null;
    next();
  });
}

/** A fixed-window budget per event kind, for one socket (synchronous: no promise per typing event). */
function socketLimits(): SocketLimits {
  let windowStart = 0;
  const used = { typing: 0, subscribe: 0 };
  return {
    take(kind) {
      const now = Date.now();
      if (now - windowStart >= BUDGET_WINDOW_MS) {
        windowStart = now;
        used.typing = used.subscribe = 0;
      }
      return ++used[kind] <= SOCKET_BUDGETS[kind];
    },
  };
}
