import { sql, type SQL } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { parseInput } from '../../validation/common';
import { listMeetingsQuery } from '../../validation/meetings';
import { pageOf, whereAll, type Page } from '../pagination';
import { MEETING_COLUMNS, MEETINGS_FROM, meetingVisibleSql, visibleMeeting, type MeetingRow } from './meeting-access';
import { serializeMeetings, type MeetingView } from './serialize-meeting';

export async function getMeeting(viewer: Viewer, id: number, q: Db = db()): Promise<MeetingView> {
  return (await serializeMeetings([await visibleMeeting(viewer, id, q)], viewer, q))[0];
}

/**
 * The meetings this participant may see, by start time: `from`/`to` select those overlapping the
 * range; `level` and `state` (attending) filter. The cursor counts the meetings already listed.
 */
export async function listMeetings(viewer: Viewer, rawQuery: unknown, q: Db = db()): Promise<Page<MeetingView>> {
  const query = parseInput(listMeetingsQuery, rawQuery);
  const conditions: SQL[] = [meetingVisibleSql(viewer)];
  if (query.from) conditions.push(sql`m.ends_at > ${new Date(query.from).toISOString()}`);
  if (query.to) conditions.push(sql`m.starts_at < ${new Date(query.to).toISOString()}`);
  if (query.level) conditions.push(sql`m.level = ${query.level}`);
  if (query.state)
    conditions.push(sql`EXISTS (SELECT 1 FROM meeting_states ms WHERE ms.meeting_id = m.id AND ms.state_code = ${query.state})`);
  const offset = Number(query.cursor ?? 0);
  const order = query.to && !query.from ? sql`m.starts_at DESC, m.id DESC` : sql`m.starts_at, m.id`;
  const rows = await q.all<MeetingRow>(
    sql`SELECT ${MEETING_COLUMNS} FROM ${MEETINGS_FROM} WHERE ${whereAll(conditions)}
        ORDER BY ${order} LIMIT ${query.limit + 1} OFFSET ${offset}`,
  );
  return pageOf(
    rows,
    query.limit,
    () => String(offset + query.limit),
    (page) => serializeMeetings(page, viewer, q),
  );
}

/**
 * Initiatives a facilitator may put on a meeting's agenda: those of open rooms, and those of the
 * meeting's own room when it is discreet (the rule `scheduleMeeting` enforces), latest first.
 */
export async function agendaChoices(viewer: Viewer, threadId: number | null, q: Db = db()) {
  return q.all<{ id: number; title: string; label: string }>(
    sql`SELECT i.id, i.title, i.label FROM initiatives i JOIN threads t ON t.id = i.thread_id
        WHERE ${threadVisibleSql(viewer)} AND (t.visibility = 'open' OR i.thread_id = ${threadId ?? 0})
        ORDER BY i.updated_at DESC, i.id DESC LIMIT 200`,
  );
}
