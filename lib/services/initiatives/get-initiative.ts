import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { visibleInitiative } from './initiative-access';
import { serializeInitiatives, type InitiativeView } from './serialize-initiative';

export async function getInitiative(viewer: Viewer, id: number, q: Db = db()): Promise<InitiativeView> {
  const { initiative, thread } = await visibleInitiative(viewer, id, q);
  return (await serializeInitiatives([{ ...initiative, attribution: thread.attribution, topic: thread.topic }], viewer.id, q))[0];
}
