import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { prepared } from '../../db/client';
import { loadViewer, type Viewer } from '../access/viewer';
import { authenticate } from '../auth/authenticate';
import { readEnv } from '../env';
import { isAppError } from '../errors';
import { publicActor } from '../events/actor';
import { isSameOriginRequest } from '../http/same-origin';
import { postMessage } from '../services/threads/messages';
import { visibleThread } from '../services/threads/thread-access';
import { singleton, clearSingleton } from '../singleton';
import { fieldErrors } from '../validation/common';
import { messageSendInput, subscribeInput, typingInput, unsubscribeInput } from '../validation/socket';
import { Broadcaster, type LogRow } from './broadcaster';
import { REALTIME_HOOKS, type RealtimeHooks } from './hooks';
import { Presence } from './presence';
import { missedEvents } from './replay';
import { rooms } from './rooms';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SocketData } from './types';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ChaikhanaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const MAX_SOCKETS_PER_PARTICIPANT = 20;
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;
export const MAX_QUEUED_PACKETS = 1000;

/** socket.io on the same HTTP server as Next: authenticated by the session cookie, same origin only. */
export function startRealtime(httpServer: http.Server): { io: Io; close(): Promise<void> } {
  const io: Io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    perMessageDeflate: false,
    httpCompression: false,
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // Next handles its own upgrade requests (HMR in development) on the same server.
    destroyUpgrade: false,
    // WebSockets are not covered by CORS: refuse foreign origins before the handshake.
    allowRequest: (req, callback) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      callback(isSameOriginRequest(headers) ? null : 'unauthorized', isSameOriginRequest(headers));
    },
  });

  const presence = new Presence();
  const socketsOf = (participantId: number): ChaikhanaSocket[] => {
    const ids = io.sockets.adapter.rooms.get(rooms.participant(participantId));
    return ids ? [...ids].map((id) => io.sockets.sockets.get(id)).filter((s): s is ChaikhanaSocket => Boolean(s)) : [];
  };

  const broadcaster = new Broadcaster(io, {
    // Membership changes take effect before the event that announces them is sent.
    beforeEmit(row: LogRow) {
      if (row.threadId === null || row.subjectId === null || row.visibility !== 'discreet') return;
      for (const socket of socketsOf(row.subjectId)) {
        if (row.type === 'member.added' && socket.data.channels.has('dashboard')) socket.join(rooms.dashboardDiscreet(row.threadId));
        if (row.type === 'member.removed') {
          socket.leave(rooms.dashboardDiscreet(row.threadId));
          if (socket.data.channels.has(`thread:${row.threadId}`)) leaveThread(socket, row.threadId, 'membership_removed');
        }
      }
    },
  });

  const hooks: RealtimeHooks = {
    eventsCommitted: () => broadcaster.schedule(),
    sessionsRevoked: (participantId) => {
      for (const socket of socketsOf(participantId)) socket.disconnect(true);
    },
  };
  clearSingleton(REALTIME_HOOKS);
  singleton(REALTIME_HOOKS, () => hooks);

  io.use(async (socket, next) => {
    try {
      const auth = await authenticate({ cookieHeader: socket.request.headers.cookie ?? null });
      if (!auth || auth.via !== 'session') return next(new Error('unauthorized'));
      if (socketsOf(auth.viewer.id).length >= MAX_SOCKETS_PER_PARTICIPANT) return next(new Error('too_many_connections'));
      socket.data.participantId = auth.viewer.id;
      socket.data.tokenVersion = auth.viewer.tokenVersion;
      socket.data.expiresAt = auth.session?.expiresAt ?? 0;
      socket.data.channels = new Set();
      // The handshake's request (headers, buffers) is no longer needed: release it (~memory per socket).
      (socket.conn as unknown as { request: unknown }).request = null;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });

  /** The socket's participant, reloaded: a revoked session or disabled account ends the socket. */
  function currentViewer(socket: ChaikhanaSocket): Viewer | null {
    const viewer = loadViewer(socket.data.participantId);
    if (!viewer || viewer.tokenVersion !== socket.data.tokenVersion) {
      socket.disconnect(true);
      return null;
    }
    return viewer;
  }

  function announcePresence(threadId: number): void {
    io.to(rooms.thread(threadId)).emit('presence', { threadId, participants: presence.participants(threadId) });
  }

  function leaveThread(socket: ChaikhanaSocket, threadId: number, reason?: string): void {
    const channel = `thread:${threadId}`;
    if (!socket.data.channels.delete(channel)) return;
    socket.leave(rooms.thread(threadId));
    if (reason) socket.emit('unsubscribed', { channel, reason });
    if (presence.leave(threadId, socket.data.participantId)) announcePresence(threadId);
  }

  const attributionOf = new Map<number, 'named' | 'chatham'>();

  io.on('connection', (socket) => {
    socket.join(rooms.participant(socket.data.participantId));

    socket.on('subscribe', (payload, ack) => {
      const reply: Ack<{ missed: ReturnType<typeof missedEvents>['events']; truncated?: boolean }> =
        typeof ack === 'function' ? ack : () => {};
      const parsed = subscribeInput.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'invalid', fields: fieldErrors(parsed.error) });
      const viewer = currentViewer(socket);
      if (!viewer) return;
      const { channel, since } = parsed.data;
      // Synchronous from here to the ack: nothing is broadcast in between, so the replay ends
      // exactly at the broadcaster's cursor and live delivery continues after it.
      try {
        if (channel === 'dashboard') {
          const replay =
            since === undefined ? { events: [], truncated: false } : missedEvents(viewer, { kind: 'dashboard' }, since, broadcaster.cursor);
          socket.join(rooms.dashboard);
          if (viewer.role === 'facilitator') socket.join(rooms.dashboardFacilitators);
          socket.join(rooms.dashboardSubject(viewer.id));
          for (const threadId of discreetMemberships(viewer.id)) socket.join(rooms.dashboardDiscreet(threadId));
          socket.data.channels.add(channel);
          return reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
        }
        const threadId = Number(channel.slice('thread:'.length));
        const thread = visibleThread(viewer, threadId);
        attributionOf.set(threadId, thread.attribution);
        const replay =
          since === undefined
            ? { events: [], truncated: false }
            : missedEvents(viewer, { kind: 'thread', threadId }, since, broadcaster.cursor);
        if (!socket.data.channels.has(channel)) {
          socket.data.channels.add(channel);
          socket.join(rooms.thread(threadId));
          presence.join(threadId, viewer.id, publicActor(viewer, thread.attribution));
        }
        reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
        announcePresence(threadId);
      } catch (error) {
        reply({ ok: false, error: isAppError(error) ? error.code : 'internal' });
      }
    });

    socket.on('unsubscribe', (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = unsubscribeInput.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'invalid', fields: fieldErrors(parsed.error) });
      const { channel } = parsed.data;
      if (channel === 'dashboard') {
        socket.data.channels.delete(channel);
        for (const room of [...socket.rooms]) if (room.startsWith('dash') || room.startsWith('dm:')) socket.leave(room);
      } else {
        leaveThread(socket, Number(channel.slice('thread:'.length)));
      }
      reply({ ok: true });
    });

    socket.on('message:send', async (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = messageSendInput.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: 'invalid', fields: fieldErrors(parsed.error) });
      const viewer = currentViewer(socket);
      if (!viewer) return;
      try {
        const message = await postMessage(viewer, parsed.data.threadId, { body: parsed.data.body }, parsed.data.opId);
        reply({ ok: true, message });
      } catch (error) {
        if (!isAppError(error)) console.error('message:send failed', error);
        reply({
          ok: false,
          error: isAppError(error) ? error.code : 'internal',
          ...(isAppError(error) && error.fields ? { fields: error.fields } : {}),
        });
      }
    });

    socket.on('typing', (payload) => {
      const parsed = typingInput.safeParse(payload);
      if (!parsed.success) return;
      const { threadId } = parsed.data;
      if (!socket.data.channels.has(`thread:${threadId}`)) return;
      const viewer = loadViewer(socket.data.participantId);
      if (!viewer) return;
      socket.to(rooms.thread(threadId)).emit('typing', { threadId, who: publicActor(viewer, attributionOf.get(threadId) ?? 'chatham') });
    });

    socket.on('disconnect', () => {
      for (const channel of socket.data.channels) {
        if (!channel.startsWith('thread:')) continue;
        const threadId = Number(channel.slice('thread:'.length));
        if (presence.leave(threadId, socket.data.participantId)) announcePresence(threadId);
      }
      socket.data.channels.clear();
    });
  });

  // Once a second, off the broadcast path: a socket whose session has expired is closed (the browser
  // reconnects with its refreshed cookie), and so is a slow consumer — a socket that stopped reading
  // while broadcasts continue would buffer without bound; it catches up from the log on reconnect.
  const maxBuffered = readEnv().SOCKET_MAX_BUFFERED_BYTES;
  const sweep = setInterval(() => {
    const now = Date.now() / 1000;
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.expiresAt && socket.data.expiresAt <= now) {
        socket.disconnect(true);
        continue;
      }
      const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
      const queued = conn.writeBuffer?.length ?? 0;
      const buffered = conn.transport?.socket?.bufferedAmount ?? 0;
      if (queued > MAX_QUEUED_PACKETS || buffered > maxBuffered) socket.disconnect(true);
    }
  }, 1000);
  sweep.unref();

  return {
    io,
    async close() {
      clearInterval(sweep);
      clearSingleton(REALTIME_HOOKS);
      await io.close();
    },
  };
}

function discreetMemberships(participantId: number): number[] {
  return (
    prepared(
      `SELECT m.thread_id AS id FROM memberships m JOIN threads t ON t.id = m.thread_id WHERE m.participant_id = ? AND t.visibility = 'discreet'`,
    ).all(participantId) as { id: number }[]
  ).map((r) => r.id);
}
