import { eq } from 'drizzle-orm';
import { db } from '../../../db/client';
import { tables } from '../../../db/schema';
import { canManageDelegations } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { write } from '../write';
import { bumpTokenVersion } from './verify-credentials';

const { participants } = tables;

/**
 * A facilitator disables an account (it can no longer sign in; its sessions, API tokens and live
 * sockets stop at once) or enables it again. A facilitator never disables itself.
 */
export async function setAccountDisabled(
  viewer: Viewer,
  participantId: number,
  disabled: boolean,
): Promise<{ id: number; disabled: boolean }> {
  if (!canManageDelegations(viewer)) throw forbidden('onlyFacilitatorDisables');
  if (participantId === viewer.id) throw conflict('noSelfDisable');
  const [target] = await db()
    .orm.select({ id: participants.id, name: participants.name, disabledAt: participants.disabledAt })
    .from(participants)
    .where(eq(participants.id, participantId));
  if (!target) throw notFound('participantNotFound');
  const changed = await write(async (tx) => {
    if ((target.disabledAt !== null) === disabled) return false;
    await tx.orm
      .update(participants)
      .set({ disabledAt: disabled ? now() : null })
      .where(eq(participants.id, participantId));
    await bumpTokenVersion(tx, participantId);
    appendEvent(tx, {
      type: disabled ? 'participant.disabled' : 'participant.enabled',
      subjectId: participantId,
      actor: viewer,
      attribution: 'named',
      payload: { participant: { id: participantId, name: target.name } },
    });
    return true;
  });
  if (changed) notifySessionsRevoked(participantId);
  return { id: participantId, disabled };
}
