import type { Server } from 'socket.io';
import { prepared } from '../../db/client';
import type { PublicEvent } from '../events/types';
import { toPublicEvent } from '../events/public';
import { ROOM_ONLY_EVENT_TYPES } from './channels';
import { rooms } from './rooms';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './types';

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface LogRow {
  id: number;
  type: PublicEvent['type'];
  threadId: number | null;
  initiativeId: number | null;
  subjectId: number | null;
  actor: string | null;
  payload: string;
  createdAt: string;
  visibility: 'open' | 'discreet' | null;
}

const BATCH = 500;

/**
 * Sends committed events from the log, in id order, each to the socket.io rooms that may see it.
 * Visibility is decided once per event (sockets join only rooms they may see), never per socket,
 * and with no database work per socket.
 */
export class Broadcaster {
  /** The last event emitted: a subscriber's replay ends here and live delivery continues after it. */
  cursor: number;
  private fetchedUpTo: number;
  private readonly queue: LogRow[] = [];
  private scheduled = false;
  /** New commits may be in the log beyond what was fetched. */
  private dirty = false;

  constructor(
    private readonly io: Io,
    private readonly hooks: { beforeEmit(event: LogRow): void },
  ) {
    this.cursor = (prepared('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id;
    this.fetchedUpTo = this.cursor;
  }

  /** Called after every commit; the commits of one tick are read from the log together. */
  schedule(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.step());
  }

  /**
   * Emits one event per macrotask: a broadcast to thousands of sockets blocks the loop for
   * milliseconds, and requests get their turn between two broadcasts rather than after a batch.
   */
  private step(): void {
    this.scheduled = false;
    if (this.queue.length === 0 && this.dirty) {
      this.dirty = false;
      const rows = prepared(
        `SELECT e.id, e.type, e.thread_id AS threadId, e.initiative_id AS initiativeId, e.subject_id AS subjectId,
                e.actor, e.payload, e.created_at AS createdAt, t.visibility
         FROM events e LEFT JOIN threads t ON t.id = e.thread_id
         WHERE e.id > ? ORDER BY e.id LIMIT ?`,
      ).all(this.fetchedUpTo, BATCH) as LogRow[];
      if (rows.length) this.fetchedUpTo = rows[rows.length - 1].id;
      if (rows.length === BATCH) this.dirty = true;
      this.queue.push(...rows);
    }
    const row = this.queue.shift();
    if (row) {
      this.hooks.beforeEmit(row);
      const targets = audience(row);
      if (targets.length) this.io.to(targets).emit('event', toPublicEvent(row));
      this.cursor = row.id;
    }
    if (this.queue.length > 0 || this.dirty) {
      this.scheduled = true;
      setImmediate(() => this.step());
    }
  }
}

export type { LogRow };

/** The socket.io rooms an event goes to; one emit to all of them reaches each socket once. */
export function audience(row: Pick<LogRow, 'type' | 'threadId' | 'subjectId' | 'visibility'>): string[] {
  const dashboard = !ROOM_ONLY_EVENT_TYPES.has(row.type);
  if (row.threadId !== null) {
    const targets = [rooms.thread(row.threadId)];
    if (dashboard) targets.push(row.visibility === 'open' ? rooms.dashboard : rooms.dashboardDiscreet(row.threadId));
    return targets;
  }
  const targets = [rooms.dashboardFacilitators];
  if (row.subjectId !== null) targets.push(rooms.dashboardSubject(row.subjectId));
  return targets;
}
