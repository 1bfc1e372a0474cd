import { z } from 'zod';
import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { visibilityParams } from '../../access/visibility';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../../events/public';
import type { PublicEvent } from '../../events/types';
import { EVENT_VISIBLE_SQL } from '../../events/visibility';
import { parseInput } from '../../validation/common';
import { pageOf, type Page } from '../pagination';

export const eventsQuery = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  threadId: z.coerce.number().int().positive().optional(),
  initiativeId: z.coerce.number().int().positive().optional(),
});

/** Events after `since`, oldest first: the catch-up after a disconnect and the process timeline. */
export function listEvents(viewer: Viewer, rawQuery: unknown): Page<PublicEvent> {
  const query = parseInput(eventsQuery, rawQuery);
  const rows = prepared(
    `SELECT ${EVENT_COLUMNS}
     FROM events e LEFT JOIN threads t ON t.id = e.thread_id
     WHERE e.id > @since AND ${EVENT_VISIBLE_SQL}
       AND (@threadId IS NULL OR e.thread_id = @threadId)
       AND (@initiativeId IS NULL OR e.initiative_id = @initiativeId)
     ORDER BY e.id LIMIT @limit`,
  ).all({
    since: query.since,
    ...visibilityParams(viewer),
    threadId: query.threadId ?? null,
    initiativeId: query.initiativeId ?? null,
    limit: query.limit + 1,
  }) as EventRow[];
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    (page) => page.map(toPublicEvent),
  );
}

/** The id of the newest event in the log: pages carry it so nothing falls between render and subscribe. */
export function lastEventId(): number {
  return (prepared('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id;
}
