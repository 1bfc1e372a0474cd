import { sql } from 'drizzle-orm';
import type { PublicEvent } from './types';

/** An event as stored: actor and payload are JSON, already shaped for every reader of its room. */
export interface EventRow {
  id: number;
  type: PublicEvent['type'];
  threadId: number | null;
  initiativeId: number | null;
  actor: string | null;
  payload: string;
  createdAt: string;
}

/** The columns of `EventRow`, over `e` (events). */
export const EVENT_COLUMNS = sql.raw(
  `e.id, e.type, e.thread_id AS "threadId", e.initiative_id AS "initiativeId", e.actor, e.payload, e.created_at AS "createdAt"`,
);

/** The one public shape of an event (PRODUCT.md), for the API, sockets, replays and pages alike. */
export function toPublicEvent(row: EventRow): PublicEvent {
  return {
    id: row.id,
    type: row.type,
    threadId: row.threadId,
    initiativeId: row.initiativeId,
    actor: row.actor ? JSON.parse(row.actor) : null,
    payload: JSON.parse(row.payload),
    createdAt: row.createdAt,
  };
}
