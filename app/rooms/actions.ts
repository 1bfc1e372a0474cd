'use server';

import { redirect } from 'next/navigation';
import { boundId, formInput, runAction, type ActionState } from '@/lib/http/action';
import { createThread } from '@/lib/services/threads/create-thread';
import { addMember } from '@/lib/services/threads/members';
import { postMessage } from '@/lib/services/threads/messages';
import { proposeInitiative } from '@/lib/services/initiatives/propose-initiative';
import { revalidatePath } from 'next/cache';

export async function createRoomAction(_previous: ActionState<{ id: number }>, form: FormData): Promise<ActionState<{ id: number }>> {
  const result = await runAction(async (viewer) => ({
    id: (await createThread(viewer, formInput(form, { arrays: ['states', 'partners'] }))).id,
  }));
  if (result?.ok) redirect(`/rooms/${result.data.id}`);
  return result;
}

export async function postMessageAction(
  threadId: number,
  _previous: ActionState<{ id: number }>,
  form: FormData,
): Promise<ActionState<{ id: number }>> {
  const result = await runAction(async (viewer) => ({ id: (await postMessage(viewer, boundId(threadId), formInput(form))).id }));
  if (result?.ok) revalidatePath(`/rooms/${threadId}`);
  return result;
}

export async function addMemberAction(threadId: number, _previous: ActionState<unknown>, form: FormData): Promise<ActionState<unknown>> {
  const result = await runAction((viewer) => addMember(viewer, boundId(threadId), formInput(form)));
  if (result?.ok) revalidatePath(`/rooms/${threadId}`);
  return result;
}

export async function takeSeatAction(threadId: number): Promise<void> {
  const result = await runAction((viewer) => addMember(viewer, boundId(threadId), { userId: viewer.id }));
  // Only a real room's page: a tampered argument never reaches a path (nor turns into a 500 there).
  if (result?.ok) revalidatePath(`/rooms/${boundId(threadId)}`);
}

export async function proposeAction(
  threadId: number,
  _previous: ActionState<{ id: number }>,
  form: FormData,
): Promise<ActionState<{ id: number }>> {
  const result = await runAction(async (viewer) => ({
    id: (await proposeInitiative(viewer, boundId(threadId), formInput(form, { arrays: ['states', 'partners'], booleans: ['openToJoin'] })))
      .id,
  }));
  if (result?.ok) redirect(`/initiatives/${result.data.id}`);
  return result;
}
