import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../../events/public';
import type { PublicEvent } from '../../events/types';
import { eventVisibleSql } from '../../events/visibility';
import { parseInput } from '../../validation/common';
import { pageOf, type Page } from '../pagination';

export const eventsQuery = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  threadId: z.coerce.number().int().positive().optional(),
  initiativeId: z.coerce.number().int().positive().optional(),
});

/** Events after `since`, oldest first: the catch-up after a disconnect and the process timeline. */
export async function listEvents(viewer: Viewer, rawQuery: unknown, q: Db = db()): Promise<Page<PublicEvent>> {
  const query = parseInput(eventsQuery, rawQuery);
  const thread = query.threadId ? sql`AND e.thread_id = ${query.threadId}` : sql``;
  const initiative = query.initiativeId ? sql`AND e.initiative_id = ${query.initiativeId}` : sql``;
  const rows = await q.all<EventRow>(
    sql`SELECT ${EVENT_COLUMNS}
        FROM events e LEFT JOIN threads t ON t.id = e.thread_id
        WHERE e.id > ${query.since} AND ${eventVisibleSql(viewer)} ${thread} ${initiative}
        ORDER BY e.id LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    (page) => page.map(toPublicEvent),
  );
}

/** The id of the newest event in the log: pages carry it so nothing falls between render and subscribe. */
export async function lastEventId(q: Db = db()): Promise<number> {
  return (await q.get<{ id: number }>(sql`SELECT COALESCE(MAX(id), 0) AS id FROM events`))!.id;
}
