'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { boundId, formInput, runAction, type ActionState } from '@/lib/http/action';
import { editInitiative } from '@/lib/services/initiatives/edit-initiative';
import { addEndorsement, removeEndorsement } from '@/lib/services/initiatives/endorsements';
import { formalizeInitiative } from '@/lib/services/initiatives/formalize-initiative';
import { setImplementation } from '@/lib/services/initiatives/implementation';
import { joinInitiative } from '@/lib/services/initiatives/join-initiative';
import { confirmStance, setStance } from '@/lib/services/initiatives/set-stance';
import { breakSilence, startSilence } from '@/lib/services/initiatives/silence';

type Result = ActionState<{ id: number }>;

function done(id: number, result: Result): Result {
  if (result?.ok) revalidatePath(`/initiatives/${id}`);
  return result;
}

export async function setStanceAction(id: number, state: string, _previous: Result, form: FormData): Promise<Result> {
  return done(
    id,
    await runAction(async (viewer) => {
      const input = formInput(form, { booleans: ['adReferendum'], omitEmpty: ['confirmBy'] });
      return { id: (await setStance(viewer, boundId(id), state, input)).id };
    }),
  );
}

export async function confirmStanceAction(id: number, state: string, _previous: Result, _form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await confirmStance(viewer, boundId(id), state)).id })));
}

export async function joinAction(id: number, _previous: Result, _form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await joinInitiative(viewer, boundId(id))).id })));
}

export async function endorseAction(id: number, endorse: boolean, _previous: Result, _form: FormData): Promise<Result> {
  return done(
    id,
    await runAction(async (viewer) => ({ id: (await (endorse === true ? addEndorsement : removeEndorsement)(viewer, boundId(id))).id })),
  );
}

export async function formalizeAction(id: number, _previous: Result, _form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await formalizeInitiative(viewer, boundId(id))).id })));
}

export async function editAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => ({
    id: (await editInitiative(viewer, boundId(id), formInput(form, { booleans: ['openToJoin'] }))).id,
  }));
  if (result?.ok) redirect(`/initiatives/${id}`);
  return result;
}

export async function startSilenceAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await startSilence(viewer, boundId(id), formInput(form))).id })));
}

export async function breakSilenceAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await breakSilence(viewer, boundId(id), formInput(form))).id })));
}

export async function setImplementationAction(id: number, state: string, _previous: Result, form: FormData): Promise<Result> {
  return done(id, await runAction(async (viewer) => ({ id: (await setImplementation(viewer, boundId(id), state, formInput(form))).id })));
}

/** The review date form: an empty date clears it. */
export async function setReviewDateAction(id: number, _previous: Result, form: FormData): Promise<Result> {
  return done(
    id,
    await runAction(async (viewer) => {
      const input = formInput(form);
      return { id: (await editInitiative(viewer, boundId(id), { ...input, reviewAt: input.reviewAt || null })).id };
    }),
  );
}
