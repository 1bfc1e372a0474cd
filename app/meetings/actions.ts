'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { boundId, formInput, runAction, type ActionState } from '@/lib/http/action';
import { publicOrigin } from '@/lib/http/public-origin';
import { resetCalendarFeed } from '@/lib/services/meetings/calendar';
import { approveReadout, draftReadout } from '@/lib/services/meetings/readouts';
import { scheduleMeeting, updateMeeting } from '@/lib/services/meetings/schedule-meeting';
import { meetingFormInput } from '@/lib/validation/meeting-form';

type Result = ActionState<{ id: number }>;

export async function scheduleMeetingAction(_previous: Result, form: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => ({ id: (await scheduleMeeting(viewer, meetingFormInput(form))).id }));
  if (result?.ok) redirect(`/meetings/${result.data.id}`);
  return result;
}

export async function updateMeetingAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => ({ id: (await updateMeeting(viewer, boundId(id), meetingFormInput(form))).id }));
  if (result?.ok) redirect(`/meetings/${id}`);
  return result;
}

function done(id: number, result: Result): Result {
  if (result?.ok) revalidatePath(`/meetings/${id}`);
  return result;
}

export async function draftReadoutAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  return done(
    id,
    await runAction(async (viewer) => {
      const { body, version } = formInput(form);
      return { id: (await draftReadout(viewer, boundId(id), { body, version: Number(version) })).id };
    }),
  );
}

export async function approveReadoutAction(id: number, version: number, _previous: Result, _form: FormData): Promise<Result> {
  return done(
    id,
    await runAction(async (viewer) => ({ id: (await approveReadout(viewer, boundId(id), { version: boundId(version) })).id })),
  );
}

export async function resetCalendarAction(_previous: ActionState<{ url: string }>, _form: FormData): Promise<ActionState<{ url: string }>> {
  const result = await runAction(async (viewer) => resetCalendarFeed(viewer, publicOrigin()));
  if (result?.ok) revalidatePath('/meetings');
  return result;
}
