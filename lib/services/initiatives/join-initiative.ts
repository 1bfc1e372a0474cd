import { sql } from 'drizzle-orm';
import { canJoinForOwnState } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/**
 * A delegate brings its own state into an initiative that is open to join, at `pending`.
 * After formalization the state is acceding: it counts in the format once it endorses.
 */
export function joinInitiative(viewer: Viewer, initiativeId: number): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      if (!canJoinForOwnState(viewer) || !viewer.state)
        throw forbidden('Only a verified state delegate joins an initiative, for its own state');
      return viewer.state;
    },
    async ({ tx, context, at }, state) => {
      const current = (await tx.get<{ openToJoin: number; formalizedAt: string | null }>(
        sql`SELECT open_to_join AS "openToJoin", formalized_at AS "formalizedAt" FROM initiatives WHERE id = ${initiativeId}`,
      ))!;
      if (!current.openToJoin) throw conflict('This initiative is not open to join');
      if (await tx.get(sql`SELECT 1 FROM stances WHERE initiative_id = ${initiativeId} AND state_code = ${state}`)) {
        throw conflict(`${state} already takes part in this initiative`);
      }
      const acceding = current.formalizedAt !== null;
      await tx.run(
        sql`INSERT INTO stances (initiative_id, state_code, position, joined_at, acceding)
            VALUES (${initiativeId}, ${state}, 'pending', ${at}, ${acceding ? 1 : 0})`,
      );
      appendEvent(tx, { type: 'initiative.joined', initiativeId, ...context, payload: { state, acceding } });
    },
  );
}
