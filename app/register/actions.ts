'use server';

import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { formInput, runUnauthenticated, type ActionState } from '@/lib/http/action';
import type { SessionUser } from '@/lib/access/viewer';
import { registerParticipant } from '@/lib/services/participants/register';
import { checkRegistrationRate } from '@/lib/services/rate-limits';

export async function registerAction(_previous: ActionState<SessionUser>, form: FormData): Promise<ActionState<SessionUser>> {
  return runUnauthenticated(async () => {
    const input = formInput(form, { omitEmpty: ['organization', 'inviteCode'] });
    await checkRegistrationRate(clientAddress(await headers()));
    return registerParticipant(input);
  });
}
