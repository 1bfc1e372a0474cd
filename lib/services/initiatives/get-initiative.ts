import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { notFound } from '../../errors';
import type { VisibleThread } from '../threads/thread-access';
import { findInitiative, visibleInitiative, type InitiativeRow } from './initiative-access';
import { serializeInitiatives, type InitiativeView } from './serialize-initiative';

export async function getInitiative(viewer: Viewer, id: number, q: Db = db()): Promise<InitiativeView> {
  const { initiative, thread } = await visibleInitiative(viewer, id, q);
  return viewOf(viewer, initiative, thread, q);
}

/** The initiative as it is now, in a room this viewer was just found to see (after a change they made in it). */
export async function getChangedInitiative(viewer: Viewer, id: number, thread: VisibleThread): Promise<InitiativeView> {
  const initiative = await findInitiative(id);
  if (!initiative) throw notFound('initiativeNotFound');
  return viewOf(viewer, initiative, thread);
}

async function viewOf(viewer: Viewer, initiative: InitiativeRow, thread: VisibleThread, q: Db = db()): Promise<InitiativeView> {
  return (await serializeInitiatives([{ ...initiative, attribution: thread.attribution, topic: thread.topic }], viewer, q))[0];
}
