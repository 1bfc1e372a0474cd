import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Viewer } from '../access/viewer';
import { now } from '../clock';
import type { WriteTx } from '../services/write';
import { publicActor, type Attribution } from './actor';
import type { EventType } from './types';

export interface NewEvent {
  type: EventType;
  threadId?: number | null;
  initiativeId?: number | null;
  /** For events outside rooms: the participant concerned, who may see it besides facilitators. */
  subjectId?: number | null;
  actor: Viewer | null;
  /** The room's attribution mode: decides whether the actor's name is stored for readers. */
  attribution: Attribution;
  /** Must already be fit for every reader of the room (no names in chatham rooms). */
  payload: Record<string, unknown>;
}

/** An event as it will be stored (actor already shaped for its readers). */
export interface NewEventRow {
  type: EventType;
  threadId: number | null;
  initiativeId: number | null;
  subjectId: number | null;
  actorId: number | null;
  actor: string | null;
  payload: string;
  createdAt: string;
}

/** The channel on which PostgreSQL tells every process that events were committed. */
export const EVENTS_CHANNEL = 'chaikhana_events';

/** Appends to the event log, in the transaction of the change itself (written when it ends). */
export function appendEvent(tx: WriteTx, event: NewEvent): void {
  tx.pending.events.push({
    type: event.type,
    threadId: event.threadId ?? null,
    initiativeId: event.initiativeId ?? null,
    subjectId: event.subjectId ?? null,
    actorId: event.actor?.id ?? null,
    actor: event.actor ? JSON.stringify(publicActor(event.actor, event.attribution)) : null,
    payload: JSON.stringify(event.payload),
    createdAt: now(),
  });
}

/**
 * The ordering rule of the event log, in one place: event ids are strictly increasing in commit
 * order, so a reader that has seen id N never later finds a new event at or below N.
 * - SQLite has one writer at a time: AUTOINCREMENT ids are already in commit order.
 * - PostgreSQL: a sequence hands out ids in the order transactions ask, not the order they
 *   commit. The ids come instead from the one `event_counter` row, updated at the end of the
 *   appending transaction: the next appender waits on its row lock until this one commits.
 *   A NOTIFY in the same transaction wakes every process once it has committed.
 * The race test: "event ids only ever grow in commit order" in tests/integration/two-nodes.test.ts.
 */
export async function flushEvents(tx: Db, events: NewEventRow[]): Promise<void> {
  if (events.length === 0) return;
  if (tx.dialect === 'sqlite') {
    for (const e of events) {
      await tx.run(
        sql`INSERT INTO events (type, thread_id, initiative_id, subject_id, actor_id, actor, payload, created_at)
            VALUES (${e.type}, ${e.threadId}, ${e.initiativeId}, ${e.subjectId}, ${e.actorId}, ${e.actor}, ${e.payload}, ${e.createdAt})`,
      );
    }
    return;
  }
  // One statement, so the counter's row lock is held for one round trip and the commit.
  const column = <K extends keyof NewEventRow>(key: K) => sql.param(events.map((e) => e[key]));
  await tx.run(
    sql`WITH counter AS (
          UPDATE event_counter SET last_id = last_id + ${events.length} WHERE id = 1 RETURNING last_id
        ), appended AS (
          INSERT INTO events (id, type, thread_id, initiative_id, subject_id, actor_id, actor, payload, created_at)
          SELECT counter.last_id - ${events.length} + e.ord, e.type, e.thread_id, e.initiative_id, e.subject_id, e.actor_id, e.actor, e.payload, e.created_at
          FROM counter, unnest(${column('type')}::text[], ${column('threadId')}::int[], ${column('initiativeId')}::int[],
            ${column('subjectId')}::int[], ${column('actorId')}::int[], ${column('actor')}::text[], ${column('payload')}::text[],
            ${column('createdAt')}::text[]) WITH ORDINALITY AS e(type, thread_id, initiative_id, subject_id, actor_id, actor, payload, created_at, ord)
          RETURNING id
        )
        SELECT pg_notify(${EVENTS_CHANNEL}, counter.last_id::text) FROM counter`,
  );
}
