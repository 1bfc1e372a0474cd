import type { Viewer } from './viewer';

/**
 * Who sees a room — the one rule, as a predicate for a loaded room and as SQL for queries, side
 * by side so they cannot drift apart. A discreet room exists only for its members, and an
 * observer (who reads open rooms only) is never among them.
 */
export interface ThreadAccess {
  visibility: 'open' | 'discreet';
  isMember: boolean;
}

/** Observers read open rooms only; a facilitator is never held back by its affiliation. */
export const seesDiscreetRooms = (v: Pick<Viewer, 'affiliation' | 'role'>) => v.role === 'facilitator' || v.affiliation !== 'observer';

export const canSeeThread = (v: Pick<Viewer, 'affiliation' | 'role'>, t: ThreadAccess) =>
  t.visibility === 'open' || (t.isMember && seesDiscreetRooms(v));

/** SQL: the participant bound as `@viewer` sits in the discreet room `t` and may see it. */
export const DISCREET_MEMBER_SQL = `(t.visibility = 'discreet' AND @seesDiscreet = 1
  AND EXISTS (SELECT 1 FROM memberships vm WHERE vm.thread_id = t.id AND vm.participant_id = @viewer))`;

/** SQL: the room `t` is visible to the participant bound as `@viewer` — `canSeeThread` in SQL. */
export const THREAD_VISIBLE_SQL = `(t.visibility = 'open' OR ${DISCREET_MEMBER_SQL})`;

/** The parameters the SQL forms above (and the event forms in lib/events) need. */
export function visibilityParams(viewer: Viewer): { viewer: number; seesDiscreet: 0 | 1; facilitator: 0 | 1 } {
  return { viewer: viewer.id, seesDiscreet: seesDiscreetRooms(viewer) ? 1 : 0, facilitator: viewer.role === 'facilitator' ? 1 : 0 };
}
