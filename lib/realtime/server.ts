import type http from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Server } from 'socket.io';
import { database } from '../../db/client';
import { PostgresDatabase } from '../../db/postgres/database';
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
import { startLogTail } from './log-tail';
import { leaveSeat, participantsAt } from './presence';
import { emitEverywhere, receiveRelays } from './relay';
import { rooms } from './rooms';
import { startSweep } from './sweep';
import { notificationDelivery } from './notifications';

export { MAX_SOCKETS_PER_PARTICIPANT } from './handshake';
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

/**
 * socket.io on the same HTTP server as Next: authenticated by the session cookie, same origin
 * only. With PostgreSQL, socket.io's PostgreSQL adapter carries what must cross processes without
 * being an event (presence, typing, closing a participant's sockets); events themselves come to
 * every process from the log.
 */
export async function startRealtime(httpServer: http.Server): Promise<{ io: Io; close(): Promise<void> }> {
  const shared = database();
  const logEnd = await Broadcaster.logEnd();
  const io: Io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    perMessageDeflate: false,
    httpCompression: false,
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // Next handles its own upgrade requests (HMR in development) on the same server.
    destroyUpgrade: false,
    allowRequest: allowSameOrigin,
    ...(shared instanceof PostgresDatabase ? { adapter: createAdapter(shared.pool, { errorHandler: () => {} }) } : {}),
  });
  authenticateSockets(io);
  receiveRelays(io);

  const localSocketsOf = (participantId: number): LiveSocket[] => {
    const ids = io.sockets.adapter.rooms.get(rooms.participant(participantId));
    return ids ? [...ids].map((id) => io.sockets.sockets.get(id)).filter((s): s is LiveSocket => Boolean(s)) : [];
  };

  const ctx: RealtimeContext = {
    io,
    // Membership changes take effect before the event that announces them is sent.
    broadcaster: new Broadcaster(io, { beforeEmit: (row) => applyMembershipChange(row) }, logEnd),
    async currentViewer(socket: LiveSocket): Promise<Viewer | null> {
      const viewer = await loadViewer(socket.data.participantId);
      if (viewer && viewer.tokenVersion === socket.data.tokenVersion) return viewer;
      // Disconnect after the refusal has been acknowledged.
      setImmediate(() => socket.disconnect(true));
      return null;
    },
    async leaveThread(socket, threadId, reason) {
      const channel = threadChannel(threadId);
      if (!socket.data.channels.delete(channel)) return;
      void socket.leave(rooms.thread(threadId));
      leaveSeat(socket, threadId);
      if (reason) socket.emit('unsubscribed', { channel, reason });
      await ctx.announcePresence(threadId);
    },
    async announcePresence(threadId) {
      emitEverywhere(io, rooms.thread(threadId), 'presence', { threadId, participants: await participantsAt(io, threadId) });
    },
  };

  /** Every process applies every membership event to its own sockets. */
  function applyMembershipChange(row: LogRow): void {
    if (row.threadId === null || row.subjectId === null || row.visibility !== 'discreet') return;
    for (const socket of localSocketsOf(row.subjectId)) {
      if (row.type === 'member.added' && socket.data.channels.has('dashboard')) void socket.join(rooms.dashboardDiscreet(row.threadId));
      if (row.type === 'member.removed') {
        void socket.leave(rooms.dashboardDiscreet(row.threadId));
        void ctx.leaveThread(socket, row.threadId, 'membership_removed').catch(() => {});
      }
    }
  }

  const deliverNotifications = notificationDelivery(io);
  const hooks: RealtimeHooks = {
    eventsCommitted: () => ctx.broadcaster.schedule(),
    // On every process (through the adapter); the sweep is the backstop within a second.
    sessionsRevoked: (participantId) => io.in(rooms.participant(participantId)).disconnectSockets(true),
    notificationsCommitted: deliverNotifications,
  };
  clearSingleton(REALTIME_HOOKS);
  singleton(REALTIME_HOOKS, () => hooks);

  io.on('connection', (socket) => {
    void socket.join(rooms.participant(socket.data.participantId));
    registerSubscriptionHandlers(ctx, socket);
    registerMessageHandlers(ctx, socket);
    registerPresenceHandlers(ctx, socket);
  });

  const stopTail = startLogTail(ctx.broadcaster);
  const stopSweep = startSweep(io, readEnv().SOCKET_MAX_BUFFERED_BYTES);
  return {
    io,
    async close() {
      stopSweep();
      await stopTail();
      clearSingleton(REALTIME_HOOKS);
      await io.close();
    },
  };
}
