import { sql, type SQL } from 'drizzle-orm';
import { canSeeThread, discreetMemberSql } from '../access/visibility';
import type { Viewer } from '../access/viewer';

/**
 * Who sees an event, as a predicate and as SQL side by side: events of a room go to whoever sees
 * the room (lib/access/visibility.ts); events outside rooms (delegations, invites, accounts) to
 * facilitators and to the participant they concern.
 */
export function canSeeEvent(
  viewer: Viewer,
  event: { threadId: number | null; subjectId: number | null },
  room: { visibility: 'open' | 'discreet'; isMember: boolean } | null,
): boolean {
  if (event.threadId === null) return viewer.role === 'facilitator' || event.subjectId === viewer.id;
  return room !== null && canSeeThread(viewer, room);
}

/** SQL over `e` (events) and `t` (its room, LEFT JOINed). */
export function eventVisibleSql(viewer: Viewer): SQL {
  const outsideRooms =
    viewer.role === 'facilitator' ? sql`e.thread_id IS NULL` : sql`(e.thread_id IS NULL AND e.subject_id = ${viewer.id})`;
  return sql`(${outsideRooms} OR (e.thread_id IS NOT NULL AND (t.visibility = 'open' OR ${discreetMemberSql(viewer)})))`;
}
