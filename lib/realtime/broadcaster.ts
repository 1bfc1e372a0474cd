import type { Server } from 'socket.io';
import { prepared } from '../../db/client';
import type { PublicEvent } from '../events/types';
import { toPublicEvent } from '../services/events/list-events';
import { ROOM_ONLY_EVENT_TYPES, rooms } from './rooms';
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
 * and with no database work per socket. `cursor` is the last event sent.
 */
export class Broadcaster {
  cursor: number;
  private scheduled = false;

  constructor(
    private readonly io: Io,
    private readonly hooks: { beforeEmit(event: LogRow): void },
  ) {
    this.cursor = (prepared('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id;
  }

  /** Coalesces the commits of one tick into one read of the log. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  flush(): void {
    for (;;) {
      const rows = prepared(
        `SELECT e.id, e.type, e.thread_id AS threadId, e.initiative_id AS initiativeId, e.subject_id AS subjectId,
                e.actor, e.payload, e.created_at AS createdAt, t.visibility
         FROM events e LEFT JOIN threads t ON t.id = e.thread_id
         WHERE e.id > ? ORDER BY e.id LIMIT ?`,
      ).all(this.cursor, BATCH) as LogRow[];
      for (const row of rows) {
        this.hooks.beforeEmit(row);
        const targets = audience(row);
        if (targets.length) this.io.to(targets).emit('event', toPublicEvent(row));
        this.cursor = row.id;
      }
      if (rows.length < BATCH) return;
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
