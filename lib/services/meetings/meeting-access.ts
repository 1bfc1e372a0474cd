import { sql, type SQL } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import type { MeetingLevel, StateCode } from '../../consensus/codes';
import { notFound } from '../../errors';
import type { Attribution } from '../../events/actor';

export interface MeetingRow {
  id: number;
  threadId: number | null;
  title: string;
  level: MeetingLevel;
  startsAt: string;
  endsAt: string;
  timezone: string;
  place: string | null;
  chairState: StateCode | null;
  createdAt: string;
  updatedAt: string;
  /** The room's, or null for a meeting held in no room. */
  visibility: 'open' | 'discreet' | null;
  attribution: Attribution | null;
  threadTitle: string | null;
}

export const MEETING_COLUMNS = sql.raw(`m.id, m.thread_id AS "threadId", m.title, m.level, m.starts_at AS "startsAt",
  m.ends_at AS "endsAt", m.timezone, m.place, m.chair_state AS "chairState", m.created_at AS "createdAt",
  m.updated_at AS "updatedAt", t.visibility, t.attribution, t.title AS "threadTitle"`);

/** `meetings m LEFT JOIN threads t`: the FROM every meeting query shares. */
export const MEETINGS_FROM = sql.raw(`meetings m LEFT JOIN threads t ON t.id = m.thread_id`);

/** SQL over `m` and `t`: a meeting in no room is everyone's; one in a room is as visible as the room. */
export function meetingVisibleSql(viewer: Viewer): SQL {
  return sql`(m.thread_id IS NULL OR ${threadVisibleSql(viewer)})`;
}

/** A released readout of such a meeting is public: the meeting is in no room or in an open one. */
export const PUBLIC_MEETING_SQL = sql.raw(`(m.thread_id IS NULL OR t.visibility = 'open')`);

/** The meeting if this participant may see it; otherwise 404, as for one that does not exist. */
export async function visibleMeeting(viewer: Viewer, id: number, q: Db = db()): Promise<MeetingRow> {
  const row = await q.get<MeetingRow>(
    sql`SELECT ${MEETING_COLUMNS} FROM ${MEETINGS_FROM} WHERE m.id = ${id} AND ${meetingVisibleSql(viewer)}`,
  );
  if (!row) throw notFound('meetingNotFound');
  return row;
}

/** Inside a write: holds the meeting's row until the commit, so changes to it and its readout queue up. */
export async function lockMeeting(tx: Db, id: number): Promise<void> {
  await tx.get(sql`SELECT id FROM meetings WHERE id = ${id}${dialectSql.forUpdate}`);
}

export async function meetingStates(meetingId: number, q: Db = db()): Promise<StateCode[]> {
  const rows = await q.all<{ code: StateCode }>(
    sql`SELECT ms.state_code AS code FROM meeting_states ms JOIN states s ON s.code = ms.state_code
        WHERE ms.meeting_id = ${meetingId} ORDER BY s.sort`,
  );
  return rows.map((r) => r.code);
}

/** How the meeting's events name people: as its room does; a meeting in no room names them. */
export const meetingAttribution = (m: Pick<MeetingRow, 'attribution'>): Attribution => m.attribution ?? 'named';
