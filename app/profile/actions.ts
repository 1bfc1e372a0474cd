'use server';

import { revalidatePath } from 'next/cache';
import { boundId, formInput, runAction, type ActionState } from '@/lib/http/action';
import { createApiToken, revokeApiToken } from '@/lib/services/participants/api-tokens';

export async function createTokenAction(
  _previous: ActionState<{ token: string; name: string }>,
  form: FormData,
): Promise<ActionState<{ token: string; name: string }>> {
  const result = await runAction(async (viewer) => {
    const { token, name } = await createApiToken(viewer, formInput(form, { omitEmpty: ['expiresInDays'] }));
    return { token, name };
  });
  if (result?.ok) revalidatePath('/profile');
  return result;
}

export async function revokeTokenAction(tokenId: number): Promise<void> {
  await runAction((viewer) => revokeApiToken(viewer, boundId(tokenId)));
  revalidatePath('/profile');
}
