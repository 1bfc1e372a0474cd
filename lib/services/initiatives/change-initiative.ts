import { sql } from 'drizzle-orm';
import { dialectSql } from '../../../db/sql';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { assertRoomOpen, touchThread, type VisibleThread } from '../threads/thread-access';
import { write, type WriteOptions, type WriteTx } from '../write';
import { applyConsensus } from './apply-consensus';
import { getChangedInitiative } from './get-initiative';
import { visibleInitiative, type InitiativeRow } from './initiative-access';
import type { InitiativeView } from './serialize-initiative';

export interface InitiativeChange {
  tx: WriteTx;
  initiative: InitiativeRow;
  thread: VisibleThread;
  /** What every event of this change carries: its room, its actor, the room's attribution. */
  context: { threadId: number; actor: Viewer; attribution: Attribution };
  at: string;
}

/**
 * The shape every write to an initiative's stances or status shares: the initiative as this viewer
 * may see it (404 otherwise), the input parsed and the permission checked (`prepare`), then in one
 * transaction — the initiative's row locked first, so concurrent changes to one initiative take
 * turns and consensus is computed from every stance — the change with its events, the consensus
 * recomputed and the room touched (unless `change` returns false: nothing changed), and the
 * initiative's new view.
 */
export async function changeInitiative<P>(
  viewer: Viewer,
  initiativeId: number,
  prepare: (initiative: InitiativeRow, thread: VisibleThread) => P | Promise<P>,
  change: (write: InitiativeChange, input: P) => Promise<boolean | void>,
  options: WriteOptions & {
    /** Changes that go on after a room is archived (a formalized text's implementation and review). */
    whileArchived?: (input: P) => boolean;
  } = {},
): Promise<InitiativeView> {
  const { initiative, thread } = await visibleInitiative(viewer, initiativeId);
  const input = await prepare(initiative, thread);
  await write(async (tx) => {
    // An archived room is read-only: 409 (checked after visibility, input and permission).
    if (!options.whileArchived?.(input)) await assertRoomOpen(tx, initiative.threadId);
    await tx.get(sql`SELECT id FROM initiatives WHERE id = ${initiativeId}${dialectSql.forUpdate}`);
    const at = now();
    const context = { threadId: initiative.threadId, actor: viewer, attribution: thread.attribution };
    if ((await change({ tx, initiative, thread, context, at }, input)) === false) return null;
    await applyConsensus(tx, initiativeId, context);
    await touchThread(tx, initiative.threadId, at);
    return null;
  }, options);
  return getChangedInitiative(viewer, initiativeId, thread);
}
