import { prepared } from '../../../db/client';
import { canFormalize as mayFormalize } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { Status } from '../../consensus/codes';
import { canFormalize } from '../../consensus/consensus';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/** A facilitator formalizes what has reached consensus; consensus comes before anything is formalized. */
export function formalizeInitiative(viewer: Viewer, initiativeId: number): InitiativeView {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      if (!mayFormalize(viewer)) throw forbidden('Only a facilitator formalizes an initiative');
    },
    ({ initiative, context, at }) => {
      const { status } = prepared('SELECT status FROM initiatives WHERE id = ?').get(initiativeId) as { status: Status };
      if (!canFormalize(status)) throw conflict(`Only an initiative in consensus is formalized; this one is in ${status}`);
      prepared('UPDATE initiatives SET formalized_at = ?, formalized_by = ? WHERE id = ?').run(at, viewer.id, initiativeId);
      appendEvent({ type: 'initiative.formalized', initiativeId, ...context, payload: { label: initiative.label, formalizedAt: at } });
    },
  );
}
