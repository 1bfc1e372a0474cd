import type { PublicActor } from '../events/types';

/** Who is "at the table": participants with at least one socket subscribed to a room, across tabs. */
export class Presence {
  private readonly tables = new Map<number, Map<number, { actor: PublicActor; sockets: number }>>();

  /** Returns true when the participant was not at this table before (a change worth announcing). */
  join(threadId: number, participantId: number, actor: PublicActor): boolean {
    let table = this.tables.get(threadId);
    if (!table) this.tables.set(threadId, (table = new Map()));
    const seat = table.get(participantId);
    if (seat) {
      seat.sockets++;
      return false;
    }
    table.set(participantId, { actor, sockets: 1 });
    return true;
  }

  /** Returns true when the participant's last socket left this table. */
  leave(threadId: number, participantId: number): boolean {
    const table = this.tables.get(threadId);
    const seat = table?.get(participantId);
    if (!table || !seat) return false;
    if (--seat.sockets > 0) return false;
    table.delete(participantId);
    if (table.size === 0) this.tables.delete(threadId);
    return true;
  }

  participants(threadId: number): PublicActor[] {
    return [...(this.tables.get(threadId)?.values() ?? [])].map((seat) => seat.actor);
  }
}
