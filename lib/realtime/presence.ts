import type { PublicActor } from '../events/types';
import type { Io, LiveSocket } from './context';
import { rooms } from './rooms';

/**
 * Who is "at the table": participants with at least one socket subscribed to a room — on any
 * process. Each socket carries its seats in `socket.data` (plain data, which socket.io's adapter
 * can fetch from other processes), and the table is read from the room's sockets everywhere.
 */
export function takeSeat(socket: LiveSocket, threadId: number, actor: PublicActor): void {
  socket.data.seats[threadId] = actor;
}

export function leaveSeat(socket: LiveSocket, threadId: number): void {
  delete socket.data.seats[threadId];
}

export async function participantsAt(io: Io, threadId: number): Promise<PublicActor[]> {
  const sockets = await io.in(rooms.thread(threadId)).fetchSockets();
  const seated = new Map<number, PublicActor>();
  for (const socket of sockets) {
    const actor = socket.data.seats?.[threadId];
    if (actor && !seated.has(socket.data.participantId)) seated.set(socket.data.participantId, actor);
  }
  return [...seated.values()];
}
