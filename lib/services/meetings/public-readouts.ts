import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { sortStates, type MeetingLevel, type StateCode, type Status } from '../../consensus/codes';
import { pageQuery, parseInput } from '../../validation/common';
import { pageOf, type Page } from '../pagination';
import { MEETINGS_FROM, PUBLIC_MEETING_SQL } from './meeting-access';

/** A released readout as the region's public reads it: what was agreed, never who said what. */
export interface PublicReadout {
  meetingId: number;
  title: string;
  level: MeetingLevel;
  startsAt: string;
  endsAt: string;
  timezone: string;
  place: string | null;
  chairState: StateCode | null;
  states: StateCode[];
  agenda: { title: string; initiativeId: number | null; status: Status | null; label: string | null }[];
  body: string;
  releasedAt: string;
}

type Row = Omit<PublicReadout, 'states' | 'agenda'>;

/**
 * Released readouts of meetings in open rooms or in none, latest release first; no sign-in. Nothing
 * here carries a person: the readout's text (checked for names under the Chatham House rule when
 * drafted), its meeting and the agenda's outcomes.
 */
export async function listPublicReadouts(rawQuery: unknown, q: Db = db()): Promise<Page<PublicReadout>> {
  const query = parseInput(pageQuery, rawQuery);
  const offset = Number(query.cursor ?? 0);
  const rows = await q.all<Row>(
    sql`SELECT m.id AS "meetingId", m.title, m.level, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.timezone, m.place,
               m.chair_state AS "chairState", r.body, r.released_at AS "releasedAt"
        FROM ${MEETINGS_FROM} JOIN readouts r ON r.meeting_id = m.id
        WHERE r.released_at IS NOT NULL AND ${PUBLIC_MEETING_SQL}
        ORDER BY r.released_at DESC, m.id DESC LIMIT ${query.limit + 1} OFFSET ${offset}`,
  );
  return pageOf(
    rows,
    query.limit,
    () => String(offset + query.limit),
    (page) => withAgenda(page, q),
  );
}

async function withAgenda(rows: Row[], q: Db): Promise<PublicReadout[]> {
  if (rows.length === 0) return [];
  const inMeetings = dialectSql.inList(
    sql`meeting_id`,
    rows.map((r) => r.meetingId),
  );
  const [states, agenda] = await Promise.all([
    q.all<{ meetingId: number; state: StateCode }>(
      sql`SELECT meeting_id AS "meetingId", state_code AS state FROM meeting_states WHERE ${inMeetings}`,
    ),
    // Only initiatives of open rooms show their outcome here (a public meeting's agenda holds no other).
    q.all<{ meetingId: number; title: string; initiativeId: number | null; status: Status | null; label: string | null }>(
      sql`SELECT a.meeting_id AS "meetingId", a.title, i.id AS "initiativeId", i.status, i.label
          FROM agenda_items a LEFT JOIN initiatives i ON i.id = a.initiative_id
            AND EXISTS (SELECT 1 FROM threads t WHERE t.id = i.thread_id AND t.visibility = 'open')
          WHERE ${dialectSql.inList(
            sql`a.meeting_id`,
            rows.map((r) => r.meetingId),
          )} ORDER BY a.meeting_id, a.position`,
    ),
  ]);
  return rows.map((r) => ({
    ...r,
    states: sortStates(states.filter((s) => s.meetingId === r.meetingId).map((s) => s.state)),
    agenda: agenda.filter((a) => a.meetingId === r.meetingId).map(({ meetingId: _m, ...item }) => item),
  }));
}
