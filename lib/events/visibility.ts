import { sql, type SQL } from 'drizzle-orm';
import { dialectSql } from '../../db/sql';
import { canSeeThread, discreetMemberSql } from '../access/visibility';
import type { Viewer } from '../access/viewer';

/** Events outside rooms that every participant sees: the calendar of meetings held in no room. */
export const EVERYONE_OUTSIDE_ROOMS: ReadonlySet<string> = new Set([
  'meeting.scheduled',
  'meeting.updated',
  'readout.drafted',
  'readout.approved',
  'readout.released',
]);

/**
 * Who sees an event, as a predicate and as SQL side by side: events of a room go to whoever sees
 * the room (lib/access/visibility.ts); events outside rooms (delegations, invites, accounts) to
 * facilitators and to the participant they concern, but those of meetings held in no room to everyone.
 */
export function canSeeEvent(
  viewer: Viewer,
  event: { type: string; threadId: number | null; subjectId: number | null },
  room: { visibility: 'open' | 'discreet'; isMember: boolean } | null,
): boolean {
  if (event.threadId === null && EVERYONE_OUTSIDE_ROOMS.has(event.type)) return true;
  if (event.threadId === null) return viewer.role === 'facilitator' || event.subjectId === viewer.id;
  return room !== null && canSeeThread(viewer, room);
}

/** SQL over `e` (events) and `t` (its room, LEFT JOINed). */
export function eventVisibleSql(viewer: Viewer): SQL {
  const outsideRooms =
    viewer.role === 'facilitator'
      ? sql`e.thread_id IS NULL`
      : sql`(e.thread_id IS NULL AND (e.subject_id = ${viewer.id} OR ${dialectSql.inList(sql`e.type`, [...EVERYONE_OUTSIDE_ROOMS])}))`;
  return sql`(${outsideRooms} OR (e.thread_id IS NOT NULL AND (t.visibility = 'open' OR ${discreetMemberSql(viewer)})))`;
}
