import type { Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { serializeThreads, type ThreadView } from './serialize-thread';
import { visibleThread } from './thread-access';

export async function getThread(viewer: Viewer, threadId: number, q?: Db): Promise<ThreadView> {
  return (await serializeThreads([await visibleThread(viewer, threadId, q)], q))[0];
}
