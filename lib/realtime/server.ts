import type http from 'node:http';
import { Server } from 'socket.io';
import { loadViewer, type Viewer } from '../access/viewer';
import { readEnv } from '../env';
import { singleton, clearSingleton } from '../singleton';
import { Broadcaster, type LogRow } from './broadcaster';
import { threadChannel } from './channels';
import type { Io, LiveSocket, RealtimeContext } from './context';
import { registerMessageHandlers } from './handlers/messages';
import { registerPresenceHandlers } from './handlers/presence';
import { registerSubscriptionHandlers } from './handlers/subscriptions';
import { allowSameOrigin, authenticateSockets } from './handshake';
import { REALTIME_HOOKS, type RealtimeHooks } from './hooks';
import { Presence } from './presence';
import { rooms } from './rooms';
import { startSweep } from './sweep';

export { MAX_SOCKETS_PER_PARTICIPANT } from './handshake';
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

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
    allowRequest: allowSameOrigin,
  });
  authenticateSockets(io);

  const socketsOf = (participantId: number): LiveSocket[] => {
    const ids = io.sockets.adapter.rooms.get(rooms.participant(participantId));
    return ids ? [...ids].map((id) => io.sockets.sockets.get(id)).filter((s): s is LiveSocket => Boolean(s)) : [];
  };
  const presence = new Presence();

  const ctx: RealtimeContext = {
    io,
    presence,
    // Membership changes take effect before the event that announces them is sent.
    broadcaster: new Broadcaster(io, { beforeEmit: (row) => applyMembershipChange(row) }),
    socketsOf,
    currentViewer(socket: LiveSocket): Viewer | null {
      const viewer = loadViewer(socket.data.participantId);
      if (viewer && viewer.tokenVersion === socket.data.tokenVersion) return viewer;
      // Disconnect after the refusal has been acknowledged.
      setImmediate(() => socket.disconnect(true));
      return null;
    },
    leaveThread(socket, threadId, reason) {
      const channel = threadChannel(threadId);
      if (!socket.data.channels.delete(channel)) return;
      socket.leave(rooms.thread(threadId));
      if (reason) socket.emit('unsubscribed', { channel, reason });
      if (presence.leave(threadId, socket.data.participantId)) ctx.announcePresence(threadId);
    },
    announcePresence(threadId) {
      io.to(rooms.thread(threadId)).emit('presence', { threadId, participants: presence.participants(threadId) });
    },
  };

  function applyMembershipChange(row: LogRow): void {
    if (row.threadId === null || row.subjectId === null || row.visibility !== 'discreet') return;
    for (const socket of socketsOf(row.subjectId)) {
      if (row.type === 'member.added' && socket.data.channels.has('dashboard')) socket.join(rooms.dashboardDiscreet(row.threadId));
      if (row.type === 'member.removed') {
        socket.leave(rooms.dashboardDiscreet(row.threadId));
        ctx.leaveThread(socket, row.threadId, 'membership_removed');
      }
    }
  }

  const hooks: RealtimeHooks = {
    eventsCommitted: () => ctx.broadcaster.schedule(),
    sessionsRevoked: (participantId) => {
      for (const socket of socketsOf(participantId)) socket.disconnect(true);
    },
  };
  clearSingleton(REALTIME_HOOKS);
  singleton(REALTIME_HOOKS, () => hooks);

  io.on('connection', (socket) => {
    socket.join(rooms.participant(socket.data.participantId));
    registerSubscriptionHandlers(ctx, socket);
    registerMessageHandlers(ctx, socket);
    registerPresenceHandlers(ctx, socket);
  });

  const stopSweep = startSweep(io, readEnv().SOCKET_MAX_BUFFERED_BYTES);
  return {
    io,
    async close() {
      stopSweep();
      clearSingleton(REALTIME_HOOKS);
      await io.close();
    },
  };
}
