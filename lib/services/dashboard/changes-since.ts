import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../../events/public';
import type { PublicEvent } from '../../events/types';
import { eventVisibleSql } from '../../events/visibility';
import { write } from '../write';
import { parseInput } from '../../validation/common';
import { dashboardSeenInput } from '../../validation/dashboard';

const CHANGE_TYPES = [
  'initiative.proposed',
  'initiative.edited',
  'initiative.joined',
  'stance.changed',
  'status.changed',
  'initiative.formalized',
  'implementation.changed',
  'implementation.review_set',
];

export const CHANGES_COUNT_LIMIT = 1000;

export interface Change {
  event: PublicEvent;
  initiativeTitle: string | null;
}

/** What changed on initiatives the viewer may see since its last dashboard visit, newest first. */
export async function changesSinceLastVisit(
  viewer: Viewer,
  upTo: number,
  limit = 6,
  q: Db = db(),
): Promise<{ since: number; total: number; changes: Change[] }> {
  const { seen } = (await q.get<{ seen: number }>(sql`SELECT dashboard_seen_event_id AS seen FROM participants WHERE id = ${viewer.id}`))!;
  const where = sql`e.id > ${seen} AND e.id <= ${upTo} AND ${dialectSql.inList(sql`e.type`, CHANGE_TYPES)} AND ${eventVisibleSql(viewer)}`;
  const rows = await q.all<EventRow & { initiativeTitle: string | null }>(
    sql`SELECT ${EVENT_COLUMNS}, i.title AS "initiativeTitle"
        FROM events e LEFT JOIN threads t ON t.id = e.thread_id LEFT JOIN initiatives i ON i.id = e.initiative_id
        WHERE ${where} ORDER BY e.id DESC LIMIT ${limit}`,
  );
  // Counted up to a bound: after a long absence "1,000+" says enough, and the scan stays short.
  const { total } = (await q.get<{ total: number }>(
    sql`SELECT COUNT(*) AS total FROM (SELECT 1 FROM events e LEFT JOIN threads t ON t.id = e.thread_id WHERE ${where} LIMIT ${CHANGES_COUNT_LIMIT}) AS recent`,
  ))!;
  return { since: seen, total, changes: rows.map((row) => ({ event: toPublicEvent(row), initiativeTitle: row.initiativeTitle })) };
}

/** Remembers how far the viewer has seen the dashboard (never beyond the log, never backwards). */
export async function markDashboardSeen(viewer: Viewer, rawInput: unknown): Promise<{ seen: number }> {
  const { eventId } = parseInput(dashboardSeenInput, rawInput);
  const last = sql`(SELECT COALESCE(MAX(id), 0) FROM events)`;
  const row = await write((tx) =>
    tx.get<{ seen: number }>(
      sql`UPDATE participants SET dashboard_seen_event_id = ${dialectSql.greatest(sql`dashboard_seen_event_id`, dialectSql.least(sql`${eventId}`, last))}
          WHERE id = ${viewer.id} RETURNING dashboard_seen_event_id AS seen`,
    ),
  );
  return row!;
}
