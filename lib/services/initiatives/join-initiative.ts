import { sql } from 'drizzle-orm';
import { canJoinAsPartner, canJoinForOwnState } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { countPartnerJoined } from '../dashboard/totals';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/**
 * A delegate brings its own state into an initiative that is open to join, at `pending`.
 * After formalization the state is acceding: it counts in the format once it endorses.
 * A partner's representative brings their partner in as +X instead.
 */
export function joinInitiative(viewer: Viewer, initiativeId: number): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      if (canJoinForOwnState(viewer) && viewer.state) return { state: viewer.state, partner: null };
      if (canJoinAsPartner(viewer)) return { state: null, partner: viewer.partner! };
      throw forbidden('onlyDelegateJoins');
    },
    async ({ tx, thread, context, at }, { state, partner }) => {
      const current = (await tx.get<{ openToJoin: number; formalizedAt: string | null }>(
        sql`SELECT open_to_join AS "openToJoin", formalized_at AS "formalizedAt" FROM initiatives WHERE id = ${initiativeId}`,
      ))!;
      if (!current.openToJoin) throw conflict('notOpenToJoin');
      if (partner) {
        if (await tx.get(sql`SELECT 1 FROM initiative_partners WHERE initiative_id = ${initiativeId} AND partner_code = ${partner}`))
          throw conflict('partnerAlreadyIn', { partner });
        const first = !(await tx.get(sql`SELECT 1 FROM initiative_partners WHERE initiative_id = ${initiativeId}`));
        await tx.run(sql`INSERT INTO initiative_partners (initiative_id, partner_code) VALUES (${initiativeId}, ${partner})`);
        // The consensus recomputed after this change counts the same partners before and after: the new one is counted here.
        if (thread.visibility === 'open') countPartnerJoined(tx, partner, first);
        appendEvent(tx, { type: 'initiative.partner_joined', initiativeId, ...context, payload: { partner } });
        return;
      }
      if (await tx.get(sql`SELECT 1 FROM stances WHERE initiative_id = ${initiativeId} AND state_code = ${state}`)) {
        throw conflict('stateAlreadyIn', { state: state! });
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
