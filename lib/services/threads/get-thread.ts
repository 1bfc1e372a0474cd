import type { Viewer } from '../../access/viewer';
import { serializeThreads, type ThreadView } from './serialize-thread';
import { visibleThread } from './thread-access';

export function getThread(viewer: Viewer, threadId: number): ThreadView {
  return serializeThreads([visibleThread(viewer, threadId)])[0];
}
