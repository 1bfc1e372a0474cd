'use server';

import { revalidatePath } from 'next/cache';
import { boundId, formOf, runAction, type ActionState } from '@/lib/http/action';
import { setAccountDisabled } from '@/lib/services/participants/account-status';
import { setDelegation } from '@/lib/services/participants/delegations';
import { createInvite } from '@/lib/services/participants/invites';

export async function createInviteAction(
  _previous: ActionState<{ code: string; label: string }>,
  form: FormData,
): Promise<ActionState<{ code: string; label: string }>> {
  const result = await runAction(async (viewer) => {
    // "state:KZ", "partner:EU" or "affiliation:expert": what the invite makes its registrant.
    const [kind, value] = String(formOf(form).get('invite') ?? '').split(':');
    const invite = await createInvite(viewer, { [kind || 'state']: value ?? '' });
    return { code: invite.code, label: invite.state ?? (invite.partner ? `+${invite.partner}` : (invite.affiliation ?? '')) };
  });
  if (result?.ok) revalidatePath('/facilitation');
  return result;
}

export async function setDelegationAction(
  participantId: number,
  _previous: ActionState<unknown>,
  form: FormData,
): Promise<ActionState<unknown>> {
  const result = await runAction((viewer) => {
    // One choice among states and partners: "state:KZ", "partner:EU", or "" to revoke what is held ("was").
    const fields = formOf(form);
    const [kind, code] = String(fields.get('delegation') ?? '').split(':');
    if (kind === 'partner') return setDelegation(viewer, boundId(participantId), { partner: code });
    if (kind === 'state') return setDelegation(viewer, boundId(participantId), { state: code });
    return setDelegation(viewer, boundId(participantId), fields.get('was') === 'partner' ? { partner: null } : { state: null });
  });
  if (result?.ok) revalidatePath('/facilitation');
  return result;
}

export async function setAccountDisabledAction(
  participantId: number,
  disabled: boolean,
  _previous: ActionState<{ id: number }>,
  _form: FormData,
): Promise<ActionState<{ id: number }>> {
  const result = await runAction((viewer) => setAccountDisabled(viewer, boundId(participantId), disabled === true));
  if (result?.ok) revalidatePath('/facilitation');
  return result;
}
