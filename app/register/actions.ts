'use server';

import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { formInput, runUnauthenticated, type ActionState } from '@/lib/http/action';
import { registerParticipant, type Registration } from '@/lib/services/participants/register';
import { checkRegistrationRate } from '@/lib/services/rate-limits';

export async function registerAction(_previous: ActionState<Registration>, form: FormData): Promise<ActionState<Registration>> {
  return runUnauthenticated(async () => {
    const input = formInput(form, { omitEmpty: ['organization', 'inviteCode'] });
    await checkRegistrationRate(clientAddress(await headers()));
    return registerParticipant(input);
  });
}
