import { eq } from 'drizzle-orm';
import { tables } from '../../../db/schema';
import { canManageDelegations } from '../../access/rules';
import { loadViewer, sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden, invalid, notFound } from '../../errors';
import { unknownPartners } from '../../reference/reference';
import { appendEvent } from '../../events/append';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { parseInput } from '../../validation/common';
import { delegationInput } from '../../validation/participants';
import { write } from '../write';
import { bumpTokenVersion } from './verify-credentials';

const { delegations, participants } = tables;

/**
 * A facilitator grants (or, with `null`, revokes) a participant's delegation for a state — which
 * makes them a government delegate — or their representation of a partner (`{partner}`), which
 * makes them a partner's representative (CA+X). One or the other, never both. Either way the
 * participant's sessions end at once, live sockets included (as a sign-out does): they sign in
 * again under what they now hold.
 */
export async function setDelegation(viewer: Viewer, participantId: number, rawInput: unknown): Promise<SessionUser> {
  if (!canManageDelegations(viewer)) throw forbidden('onlyFacilitatorDelegations');
  const input = parseInput(delegationInput, rawInput);
  const target = await loadViewer(participantId);
  if (!target) throw notFound('participantNotFound');
  if ('partner' in input && input.partner && (await unknownPartners([input.partner])).length)
    throw invalid('someFieldsInvalid', { partner: 'unknownPartnerCode' });
  const changed = await write(async (tx) => {
    const at = now();
    if ('partner' in input) {
      if (target.partner === input.partner && (input.partner === null || target.state === null)) return false;
      await tx.orm.delete(delegations).where(eq(delegations.participantId, participantId));
      await tx.orm
        .update(participants)
        .set(input.partner ? { partnerCode: input.partner, affiliation: 'partner' } : { partnerCode: null })
        .where(eq(participants.id, participantId));
      appendEvent(tx, {
        type: 'delegation.changed',
        subjectId: participantId,
        actor: viewer,
        attribution: 'named',
        payload: {
          participant: { id: participantId, name: target.name },
          from: target.state,
          to: null,
          partner: { from: target.partner, to: input.partner },
        },
      });
    } else {
      const { state } = input;
      if (target.state === state && (state === null || target.partner === null)) return false;
      if (state === null) {
        await tx.orm.delete(delegations).where(eq(delegations.participantId, participantId));
      } else {
        await tx.orm
          .insert(delegations)
          .values({ participantId, stateCode: state, grantedBy: viewer.id, grantedAt: at })
          .onConflictDoUpdate({ target: delegations.participantId, set: { stateCode: state, grantedBy: viewer.id, grantedAt: at } });
        await tx.orm.update(participants).set({ affiliation: 'government', partnerCode: null }).where(eq(participants.id, participantId));
      }
      appendEvent(tx, {
        type: 'delegation.changed',
        subjectId: participantId,
        actor: viewer,
        attribution: 'named',
        payload: { participant: { id: participantId, name: target.name }, from: target.state, to: state },
      });
    }
    await bumpTokenVersion(tx, participantId);
    return true;
  });
  if (changed) notifySessionsRevoked(participantId);
  return sessionUser((await loadViewer(participantId))!);
}
