import { sql } from 'drizzle-orm';
import { canFormalize as mayFormalize } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { canFormalize } from '../../consensus/consensus';
import { evaluateStored } from './apply-consensus';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/** A facilitator formalizes what has reached consensus; consensus comes before anything is formalized. */
export function formalizeInitiative(viewer: Viewer, initiativeId: number): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      if (!mayFormalize(viewer)) throw forbidden('onlyFacilitatorFormalizes');
    },
    async ({ tx, initiative, context, at }) => {
      const consensus = await evaluateStored(tx, initiativeId);
      if (consensus.provisional) throw conflict('adReferendumConsensus');
      if (!canFormalize(consensus)) throw conflict('onlyConsensusFormalized', { status: consensus.status });
      await tx.run(sql`UPDATE initiatives SET formalized_at = ${at}, formalized_by = ${viewer.id} WHERE id = ${initiativeId}`);
      appendEvent(tx, { type: 'initiative.formalized', initiativeId, ...context, payload: { label: initiative.label, formalizedAt: at } });
    },
  );
}
