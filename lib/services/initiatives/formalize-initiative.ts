import { prepared } from '../../../db/client';
import { canFormalize as mayFormalize } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { Status } from '../../consensus/codes';
import { canFormalize } from '../../consensus/consensus';
import { now } from '../../clock';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { touchThread } from '../threads/thread-access';
import { write } from '../write';
import { applyConsensus } from './apply-consensus';
import { getInitiative } from './get-initiative';
import { visibleInitiative } from './initiative-access';
import type { InitiativeView } from './serialize-initiative';

/** A facilitator formalizes what has reached consensus; consensus comes before anything is formalized. */
export function formalizeInitiative(viewer: Viewer, initiativeId: number): InitiativeView {
  const { initiative, thread } = visibleInitiative(viewer, initiativeId);
  if (!mayFormalize(viewer)) throw forbidden('Only a facilitator formalizes an initiative');
  write(() => {
    const { status } = prepared('SELECT status FROM initiatives WHERE id = ?').get(initiativeId) as { status: Status };
    if (!canFormalize(status)) throw conflict(`Only an initiative in consensus is formalized; this one is in ${status}`);
    const at = now();
    prepared('UPDATE initiatives SET formalized_at = ?, formalized_by = ? WHERE id = ?').run(at, viewer.id, initiativeId);
    const context = { threadId: initiative.threadId, actor: viewer, attribution: thread.attribution };
    appendEvent({ type: 'initiative.formalized', initiativeId, ...context, payload: { label: initiative.label, formalizedAt: at } });
    applyConsensus(initiativeId, context);
    touchThread(initiative.threadId, at);
  });
  return getInitiative(viewer, initiativeId);
}
