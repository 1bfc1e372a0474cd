import type { Server, Socket } from 'socket.io';
import type { Viewer } from '../access/viewer';
import type { Broadcaster } from './broadcaster';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './types';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the per-domain socket handlers share (built once in server.ts). */
export interface RealtimeContext {
  io: Io;
  broadcaster: Broadcaster;
  /** The socket's participant, reloaded; null (and the socket closed) once its session has ended. */
  currentViewer(socket: LiveSocket): Promise<Viewer | null>;
  leaveThread(socket: LiveSocket, threadId: number, reason?: string): Promise<void>;
  /** Tells everyone at a room's table, on every process, who is at it now. */
  announcePresence(threadId: number): Promise<void>;
}
