'use server';

import { revalidatePath } from 'next/cache';
import { boundId, formOf, runAction, runUnauthenticated, type ActionState } from '@/lib/http/action';
import { invalid } from '@/lib/errors';
import { NOTIFICATION_TYPES } from '@/lib/notifications/types';
import { follow, unfollow } from '@/lib/services/notifications/follows';
import { markRead, updateNotificationSettings } from '@/lib/services/notifications/inbox';
import { unsubscribe } from '@/lib/services/notifications/unsubscribe';

type Result = ActionState<{ id: number }>;

export async function markAllReadAction(_previous: Result, _form: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => ({ id: (await markRead(viewer, { all: true })).unread }));
  if (result?.ok) revalidatePath('/', 'layout');
  return result;
}

export async function markReadAction(id: number, _previous: Result, _form: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => ({ id: (await markRead(viewer, { ids: [boundId(id)] })).unread }));
  if (result?.ok) revalidatePath('/', 'layout');
  return result;
}

/** Follows (or stops following) a room or an initiative, from its page. */
export async function followAction(
  kind: 'thread' | 'initiative',
  id: number,
  following: boolean,
  _previous: Result,
  _form: FormData,
): Promise<Result> {
  const input = kind === 'initiative' ? { initiativeId: boundId(id) } : kind === 'thread' ? { threadId: boundId(id) } : null;
  const result = await runAction(async (viewer) => {
    if (!input || typeof following !== 'boolean') throw invalid('actionArguments');
    await (following ? follow(viewer, input) : unfollow(viewer, input));
    return { id: input.initiativeId ?? input.threadId };
  });
  if (result?.ok) revalidatePath(kind === 'initiative' ? `/initiatives/${id}` : `/rooms/${id}`);
  return result;
}

/** The profile's notification settings: the email mode and one checkbox per kind. */
export async function notificationSettingsAction(_previous: Result, rawForm: FormData): Promise<Result> {
  const result = await runAction(async (viewer) => {
    const form = formOf(rawForm);
    const types = Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, form.get(`type:${type}`) === 'on']));
    await updateNotificationSettings(viewer, { email: form.get('email') ?? undefined, types });
    return { id: viewer.id };
  });
  if (result?.ok) revalidatePath('/profile');
  return result;
}

/** The unsubscribe page's button (no session: the signed address is the proof). */
export async function unsubscribeAction(token: string, _previous: Result, _form: FormData): Promise<Result> {
  return runUnauthenticated(async () => {
    if (typeof token !== 'string') throw invalid('actionArguments');
    await unsubscribe(token);
    return { id: 0 };
  });
}
