import { prepared } from '../../../db/client';
import { canManageDelegations } from '../../access/rules';
import { loadViewer, sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { delegationInput } from '../../validation/participants';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { write } from '../write';
import { bumpTokenVersion } from './verify-credentials';

/**
 * A facilitator grants (or, with `null`, revokes) a participant's delegation. Granting makes the
 * participant a government delegate. Either way the participant's sessions end at once, live
 * sockets included (as a sign-out does): they sign in again under the delegation they now hold.
 */
export function setDelegation(viewer: Viewer, participantId: number, rawInput: unknown): SessionUser {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator grants or revokes delegations');
  const { state } = parseInput(delegationInput, rawInput);
  const target = loadViewer(participantId);
  if (!target) throw notFound('Participant not found');
  const changed = write(() => {
    if (target.state === state) return false;
    const at = now();
    if (state === null) {
      prepared('DELETE FROM delegations WHERE participant_id = ?').run(participantId);
    } else {
      prepared(
        `INSERT INTO delegations (participant_id, state_code, granted_by, granted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET state_code = excluded.state_code, granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
      ).run(participantId, state, viewer.id, at);
      prepared(`UPDATE participants SET affiliation = 'government' WHERE id = ?`).run(participantId);
    }
    appendEvent({
      type: 'delegation.changed',
      subjectId: participantId,
      actor: viewer,
      attribution: 'named',
      payload: { participant: { id: participantId, name: target.name }, from: target.state, to: state },
    });
    bumpTokenVersion(participantId);
    return true;
  });
  if (changed) notifySessionsRevoked(participantId);
  return sessionUser(loadViewer(participantId)!);
}
