import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { touchThread, type VisibleThread } from '../threads/thread-access';
import { write, type WriteOptions } from '../write';
import { applyConsensus } from './apply-consensus';
import { getInitiative } from './get-initiative';
import { visibleInitiative, type InitiativeRow } from './initiative-access';
import type { InitiativeView } from './serialize-initiative';

export interface InitiativeChange {
  initiative: InitiativeRow;
  thread: VisibleThread;
  /** What every event of this change carries: its room, its actor, the room's attribution. */
  context: { threadId: number; actor: Viewer; attribution: Attribution };
  at: string;
}

/**
 * The shape every write to an initiative's stances or status shares: the initiative as this viewer
 * may see it (404 otherwise), the input parsed and the permission checked (`prepare`), then in one
 * transaction the change with its events, the consensus recomputed and the room touched — unless
 * `change` returns false (nothing changed) — and the initiative's new view.
 */
export function changeInitiative<P>(
  viewer: Viewer,
  initiativeId: number,
  prepare: (initiative: InitiativeRow, thread: VisibleThread) => P,
  change: (write: InitiativeChange, input: P) => boolean | void,
  options: WriteOptions = {},
): InitiativeView {
  const { initiative, thread } = visibleInitiative(viewer, initiativeId);
  const input = prepare(initiative, thread);
  write(() => {
    const at = now();
    const context = { threadId: initiative.threadId, actor: viewer, attribution: thread.attribution };
    if (change({ initiative, thread, context, at }, input) === false) return null;
    applyConsensus(initiativeId, context);
    touchThread(initiative.threadId, at);
    return null;
  }, options);
  return getInitiative(viewer, initiativeId);
}
