import { eq } from 'drizzle-orm';
import { tables } from '../../../db/schema';
import { canManageDelegations } from '../../access/rules';
import { loadViewer, sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { parseInput } from '../../validation/common';
import { delegationInput } from '../../validation/participants';
import { write } from '../write';
import { bumpTokenVersion } from './verify-credentials';

const { delegations, participants } = tables;

/**
 * A facilitator grants (or, with `null`, revokes) a participant's delegation. Granting makes the
 * participant a government delegate. Either way the participant's sessions end at once, live
 * sockets included (as a sign-out does): they sign in again under the delegation they now hold.
 */
export async function setDelegation(viewer: Viewer, participantId: number, rawInput: unknown): Promise<SessionUser> {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator grants or revokes delegations');
  const { state } = parseInput(delegationInput, rawInput);
  const target = await loadViewer(participantId);
  if (!target) throw notFound('Participant not found');
  const changed = await write(async (tx) => {
    if (target.state === state) return false;
    const at = now();
    if (state === null) {
      await tx.orm.delete(delegations).where(eq(delegations.participantId, participantId));
    } else {
      await tx.orm
        .insert(delegations)
        .values({ participantId, stateCode: state, grantedBy: viewer.id, grantedAt: at })
        .onConflictDoUpdate({ target: delegations.participantId, set: { stateCode: state, grantedBy: viewer.id, grantedAt: at } });
      await tx.orm.update(participants).set({ affiliation: 'government' }).where(eq(participants.id, participantId));
    }
    appendEvent(tx, {
      type: 'delegation.changed',
      subjectId: participantId,
      actor: viewer,
      attribution: 'named',
      payload: { participant: { id: participantId, name: target.name }, from: target.state, to: state },
    });
    await bumpTokenVersion(tx, participantId);
    return true;
  });
  if (changed) notifySessionsRevoked(participantId);
  return sessionUser((await loadViewer(participantId))!);
}
