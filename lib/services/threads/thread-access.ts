import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { canSeeThread, seesDiscreetRooms } from '../../access/visibility';
import { dialectSql } from '../../../db/sql';
import { conflict, notFound } from '../../errors';
import type { Attribution } from '../../events/actor';

export interface ThreadRow {
  id: number;
  title: string;
  topic: string;
  summary: string;
  visibility: 'open' | 'discreet';
  attribution: Attribution;
  createdBy: number;
  createdAt: string;
  lastActivityAt: string;
  messageCount: number;
  initiativeCount: number;
  archivedAt: string | null;
}

export interface VisibleThread extends ThreadRow {
  isMember: boolean;
}

export const THREAD_COLUMNS = sql.raw(`t.id, t.title, t.topic, t.summary, t.visibility, t.attribution, t.created_by AS "createdBy",
  t.created_at AS "createdAt", t.last_activity_at AS "lastActivityAt", t.message_count AS "messageCount",
  t.initiative_count AS "initiativeCount", t.archived_at AS "archivedAt"`);

export async function isMember(threadId: number, participantId: number, q: Db = db()): Promise<boolean> {
  return (await q.get(sql`SELECT 1 FROM memberships WHERE thread_id = ${threadId} AND participant_id = ${participantId}`)) !== undefined;
}

/** The room if this participant may see it; otherwise 404, the same answer as for a room that does not exist. */
export async function visibleThread(viewer: Viewer, threadId: number, q: Db = db()): Promise<VisibleThread> {
  const row = await q.get<ThreadRow & { isMember: number | boolean }>(
    sql`SELECT ${THREAD_COLUMNS},
          EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = ${viewer.id}) AS "isMember"
        FROM threads t WHERE t.id = ${threadId}`,
  );
  if (!row) throw notFound('roomNotFound');
  const thread = { ...row, isMember: Boolean(row.isMember) };
  if (!canSeeThread(viewer, thread)) throw notFound('roomNotFound');
  return thread;
}

/** The discreet rooms this participant sits in and may see (none for an observer). */
export async function discreetRoomsOf(viewer: Viewer, q: Db = db()): Promise<number[]> {
  if (!seesDiscreetRooms(viewer)) return [];
  const rows = await q.all<{ id: number }>(
    sql`SELECT m.thread_id AS id FROM memberships m JOIN threads t ON t.id = m.thread_id
        WHERE m.participant_id = ${viewer.id} AND t.visibility = 'discreet'`,
  );
  return rows.map((r) => r.id);
}

/** Inside a write: the room's last activity and its counters move. */
export async function touchThread(
  tx: Db,
  threadId: number,
  at: string,
  counters: { messages?: number; initiatives?: number } = {},
): Promise<void> {
  await tx.run(
    sql`UPDATE threads SET last_activity_at = ${at}, message_count = message_count + ${counters.messages ?? 0},
          initiative_count = initiative_count + ${counters.initiatives ?? 0} WHERE id = ${threadId}`,
  );
}

/**
 * Inside a write that adds to a room (a message, an initiative, a stance, an endorsement, an
 * edit): 409 once the room is archived. Read in the transaction, with the room's row locked, so a
 * write racing the archiving either commits before it or is refused.
 */
export async function assertRoomOpen(tx: Db, threadId: number): Promise<void> {
  // A plain read first: a refusal then takes no lock (on PostgreSQL a row lock is itself a write).
  const seen = await tx.get<{ archivedAt: string | null }>(sql`SELECT archived_at AS "archivedAt" FROM threads WHERE id = ${threadId}`);
  if (seen?.archivedAt) throw conflict('roomArchived');
  if (tx.dialect === 'sqlite') return; // one writer at a time: nothing can archive it meanwhile
  const locked = await tx.get<{ archivedAt: string | null }>(
    sql`SELECT archived_at AS "archivedAt" FROM threads WHERE id = ${threadId}${dialectSql.forUpdate}`,
  );
  if (locked?.archivedAt) throw conflict('roomArchived');
}
