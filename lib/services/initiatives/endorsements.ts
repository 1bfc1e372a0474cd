import { prepared } from '../../../db/client';
import { canEndorse } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { write } from '../write';
import { getInitiative } from './get-initiative';
import { visibleInitiative } from './initiative-access';
import type { InitiativeView } from './serialize-initiative';

/** Individual support, whatever the affiliation (observers excepted); it does not move consensus. */
export function addEndorsement(viewer: Viewer, initiativeId: number): InitiativeView {
  return changeEndorsement(viewer, initiativeId, true);
}

export function removeEndorsement(viewer: Viewer, initiativeId: number): InitiativeView {
  return changeEndorsement(viewer, initiativeId, false);
}

function changeEndorsement(viewer: Viewer, initiativeId: number, add: boolean): InitiativeView {
  const { initiative, thread } = visibleInitiative(viewer, initiativeId);
  if (!canEndorse(viewer)) throw forbidden('Observers do not endorse');
  write(() => {
    const at = now();
    const changed = add
      ? prepared('INSERT OR IGNORE INTO endorsements (initiative_id, participant_id, created_at) VALUES (?, ?, ?)').run(
          initiativeId,
          viewer.id,
          at,
        )
      : prepared('DELETE FROM endorsements WHERE initiative_id = ? AND participant_id = ?').run(initiativeId, viewer.id);
    if (changed.changes === 0) throw conflict(add ? 'You already endorse this initiative' : 'You do not endorse this initiative');
    const { count } = prepared(
      'UPDATE initiatives SET endorsement_count = endorsement_count + ?, updated_at = ? WHERE id = ? RETURNING endorsement_count AS count',
    ).get(add ? 1 : -1, at, initiativeId) as { count: number };
    appendEvent({
      type: add ? 'endorsement.added' : 'endorsement.removed',
      threadId: initiative.threadId,
      initiativeId,
      actor: viewer,
      attribution: thread.attribution,
      payload: { endorsements: count },
    });
  });
  return getInitiative(viewer, initiativeId);
}
