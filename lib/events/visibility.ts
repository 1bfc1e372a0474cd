import { canSeeThread, DISCREET_MEMBER_SQL } from '../access/visibility';
import type { Viewer } from '../access/viewer';

/**
 * Who sees an event, as a predicate and as SQL side by side: events of a room go to whoever sees
 * the room (lib/access/visibility.ts); events outside rooms (delegations, invites) to facilitators
 * and to the participant they concern.
 */
export function canSeeEvent(
  viewer: Viewer,
  event: { threadId: number | null; subjectId: number | null },
  room: { visibility: 'open' | 'discreet'; isMember: boolean } | null,
): boolean {
  if (event.threadId === null) return viewer.role === 'facilitator' || event.subjectId === viewer.id;
  return room !== null && canSeeThread(viewer, room);
}

/** SQL over `e` (events) and `t` (its room, LEFT JOINed), with `visibilityParams(viewer)`. */
export const EVENT_VISIBLE_SQL = `(
  (e.thread_id IS NULL AND (@facilitator = 1 OR e.subject_id = @viewer))
  OR (e.thread_id IS NOT NULL AND (t.visibility = 'open' OR ${DISCREET_MEMBER_SQL})))`;
