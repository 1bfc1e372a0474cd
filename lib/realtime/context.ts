import type { Server, Socket } from 'socket.io';
import type { Viewer } from '../access/viewer';
import type { Broadcaster } from './broadcaster';
import type { Presence } from './presence';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './types';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the per-domain socket handlers share (built once in server.ts). */
export interface RealtimeContext {
  io: Io;
  presence: Presence;
  broadcaster: Broadcaster;
  socketsOf(participantId: number): LiveSocket[];
  /** The socket's participant, reloaded; null (and the socket closed) once its session has ended. */
  currentViewer(socket: LiveSocket): Viewer | null;
  leaveThread(socket: LiveSocket, threadId: number, reason?: string): void;
  announcePresence(threadId: number): void;
}
