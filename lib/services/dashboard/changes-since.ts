import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { visibilityParams } from '../../access/visibility';
import { EVENT_COLUMNS, toPublicEvent, type EventRow } from '../../events/public';
import type { PublicEvent } from '../../events/types';
import { EVENT_VISIBLE_SQL } from '../../events/visibility';
import { parseInput } from '../../validation/common';
import { dashboardSeenInput } from '../../validation/dashboard';

const CHANGE_TYPES = JSON.stringify([
  'initiative.proposed',
  'initiative.edited',
  'initiative.joined',
  'stance.changed',
  'status.changed',
  'initiative.formalized',
]);

export const CHANGES_COUNT_LIMIT = 1000;

export interface Change {
  event: PublicEvent;
  initiativeTitle: string | null;
}

/** What changed on initiatives the viewer may see since its last dashboard visit, newest first. */
export function changesSinceLastVisit(viewer: Viewer, upTo: number, limit = 6): { since: number; total: number; changes: Change[] } {
  const { seen } = prepared('SELECT dashboard_seen_event_id AS seen FROM participants WHERE id = ?').get(viewer.id) as { seen: number };
  const params = { ...visibilityParams(viewer), since: seen, upTo, types: CHANGE_TYPES };
  const where = `e.id > @since AND e.id <= @upTo AND e.type IN (SELECT value FROM json_each(@types)) AND ${EVENT_VISIBLE_SQL}`;
  const rows = prepared(
    `SELECT ${EVENT_COLUMNS}, i.title AS initiativeTitle
     FROM events e LEFT JOIN threads t ON t.id = e.thread_id LEFT JOIN initiatives i ON i.id = e.initiative_id
     WHERE ${where} ORDER BY e.id DESC LIMIT @limit`,
  ).all({ ...params, limit }) as (EventRow & { initiativeTitle: string | null })[];
  // Counted up to a bound: after a long absence "1,000+" says enough, and the scan stays short.
  const { total } = prepared(
    `SELECT COUNT(*) AS total FROM (SELECT 1 FROM events e LEFT JOIN threads t ON t.id = e.thread_id WHERE ${where} LIMIT ${CHANGES_COUNT_LIMIT})`,
  ).get(params) as { total: number };
  return { since: seen, total, changes: rows.map((row) => ({ event: toPublicEvent(row), initiativeTitle: row.initiativeTitle })) };
}

/** Remembers how far the viewer has seen the dashboard (never beyond the log, never backwards). */
export function markDashboardSeen(viewer: Viewer, rawInput: unknown): { seen: number } {
  const { eventId } = parseInput(dashboardSeenInput, rawInput);
  prepared(
    `UPDATE participants SET dashboard_seen_event_id = MAX(dashboard_seen_event_id, MIN(?, (SELECT COALESCE(MAX(id), 0) FROM events))) WHERE id = ?`,
  ).run(eventId, viewer.id);
  return prepared('SELECT dashboard_seen_event_id AS seen FROM participants WHERE id = ?').get(viewer.id) as { seen: number };
}
