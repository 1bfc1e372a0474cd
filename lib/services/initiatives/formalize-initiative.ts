import { sql } from 'drizzle-orm';
import { canFormalize as mayFormalize } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { Status } from '../../consensus/codes';
import { canFormalize } from '../../consensus/consensus';
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
      if (!mayFormalize(viewer)) throw forbidden('Only a facilitator formalizes an initiative');
    },
    async ({ tx, initiative, context, at }) => {
      const { status } = (await tx.get<{ status: Status }>(sql`SELECT status FROM initiatives WHERE id = ${initiativeId}`))!;
      if (!canFormalize(status)) throw conflict(`Only an initiative in consensus is formalized; this one is in ${status}`);
      await tx.run(sql`UPDATE initiatives SET formalized_at = ${at}, formalized_by = ${viewer.id} WHERE id = ${initiativeId}`);
      appendEvent(tx, { type: 'initiative.formalized', initiativeId, ...context, payload: { label: initiative.label, formalizedAt: at } });
    },
  );
}
