import { sql, type SQL } from 'drizzle-orm';
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

type Seer = Pick<Viewer, 'id' | 'affiliation' | 'role'>;

/** SQL over `t` (a room): the viewer sits in the discreet room `t` and may see it. */
export function discreetMemberSql(viewer: Seer): SQL {
  if (!seesDiscreetRooms(viewer)) return sql`(1 = 0)`;
  return sql`(t.visibility = 'discreet' AND EXISTS (SELECT 1 FROM memberships vm WHERE vm.thread_id = t.id AND vm.participant_id = ${viewer.id}))`;
}

/** SQL over `t` (a room): the room is visible to the viewer — `canSeeThread` in SQL. */
export function threadVisibleSql(viewer: Seer): SQL {
  return sql`(t.visibility = 'open' OR ${discreetMemberSql(viewer)})`;
}
