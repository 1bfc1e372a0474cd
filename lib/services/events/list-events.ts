import { z } from 'zod';
import { prepared } from '../../../db/client';
import { isFacilitator } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { PublicEvent } from '../../events/types';
import { parseInput } from '../../validation/common';
import type { Page } from '../pagination';

export const eventsQuery = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  threadId: z.coerce.number().int().positive().optional(),
  initiativeId: z.coerce.number().int().positive().optional(),
});

/**
 * Which events a participant may see, as SQL over `e` (events) and `t` (its room, if any):
 * room events when the room is visible; events outside rooms (delegations, invites) for
 * facilitators and for the participant they concern.
 */
export const EVENT_VISIBLE_SQL = `(
  (e.thread_id IS NULL AND (@facilitator = 1 OR e.subject_id = @viewer))
  OR (e.thread_id IS NOT NULL AND (t.visibility = 'open'
      OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.thread_id = e.thread_id AND vm.participant_id = @viewer))))`;

interface EventRow {
  id: number;
  type: PublicEvent['type'];
  threadId: number | null;
  initiativeId: number | null;
  actor: string | null;
  payload: string;
  createdAt: string;
}

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

/** Events after `since`, oldest first: the catch-up after a disconnect and the process timeline. */
export function listEvents(viewer: Viewer, rawQuery: unknown): Page<PublicEvent> {
  const query = parseInput(eventsQuery, rawQuery);
  const rows = prepared(
    `SELECT e.id, e.type, e.thread_id AS threadId, e.initiative_id AS initiativeId, e.actor, e.payload, e.created_at AS createdAt
     FROM events e LEFT JOIN threads t ON t.id = e.thread_id
     WHERE e.id > @since AND ${EVENT_VISIBLE_SQL}
       AND (@threadId IS NULL OR e.thread_id = @threadId)
       AND (@initiativeId IS NULL OR e.initiative_id = @initiativeId)
     ORDER BY e.id LIMIT @limit`,
  ).all({
    since: query.since,
    viewer: viewer.id,
    facilitator: isFacilitator(viewer) ? 1 : 0,
    threadId: query.threadId ?? null,
    initiativeId: query.initiativeId ?? null,
    limit: query.limit + 1,
  }) as EventRow[];
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return { items: page.map(toPublicEvent), next: hasMore ? String(page[page.length - 1].id) : null };
}

/** The id of the newest event in the log: pages carry it so nothing falls between render and subscribe. */
export function lastEventId(): number {
  return (prepared('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id;
}
