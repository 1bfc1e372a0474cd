import { prepared } from '../../../db/client';
import { canManageDelegations } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { write } from '../write';
import { bumpTokenVersion } from './verify-credentials';

/**
 * A facilitator disables an account (it can no longer sign in; its sessions, API tokens and live
 * sockets stop at once) or enables it again. A facilitator never disables itself.
 */
export function setAccountDisabled(viewer: Viewer, participantId: number, disabled: boolean): { id: number; disabled: boolean } {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator disables or enables accounts');
  if (participantId === viewer.id) throw conflict('A facilitator does not disable its own account');
  const target = prepared('SELECT id, name, disabled_at AS disabledAt FROM participants WHERE id = ?').get(participantId) as
    { id: number; name: string; disabledAt: string | null } | undefined;
  if (!target) throw notFound('Participant not found');
  const changed = write(() => {
    if ((target.disabledAt !== null) === disabled) return false;
    prepared('UPDATE participants SET disabled_at = ? WHERE id = ?').run(disabled ? now() : null, participantId);
    bumpTokenVersion(participantId);
    appendEvent({
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
