import { sql } from 'drizzle-orm';
import { canEndorse } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { write } from '../write';
import { getInitiative } from './get-initiative';
import { visibleInitiative } from './initiative-access';
import { assertRoomOpen } from '../threads/thread-access';
import type { InitiativeView } from './serialize-initiative';

/** Individual support, whatever the affiliation (observers excepted); it does not move consensus. */
export function addEndorsement(viewer: Viewer, initiativeId: number): Promise<InitiativeView> {
  return changeEndorsement(viewer, initiativeId, true);
}

export function removeEndorsement(viewer: Viewer, initiativeId: number): Promise<InitiativeView> {
  return changeEndorsement(viewer, initiativeId, false);
}

async function changeEndorsement(viewer: Viewer, initiativeId: number, add: boolean): Promise<InitiativeView> {
  const { initiative, thread } = await visibleInitiative(viewer, initiativeId);
  if (!canEndorse(viewer)) throw forbidden('observersNoEndorse');
  await write(async (tx) => {
    await assertRoomOpen(tx, initiative.threadId);
    const at = now();
    const changed = add
      ? await tx.run(
          sql`INSERT INTO endorsements (initiative_id, participant_id, created_at) VALUES (${initiativeId}, ${viewer.id}, ${at})
              ON CONFLICT DO NOTHING`,
        )
      : await tx.run(sql`DELETE FROM endorsements WHERE initiative_id = ${initiativeId} AND participant_id = ${viewer.id}`);
    if (changed === 0) throw conflict(add ? 'alreadyEndorse' : 'notEndorsing');
    const { count } = (await tx.get<{ count: number }>(
      sql`UPDATE initiatives SET endorsement_count = endorsement_count + ${add ? 1 : -1}, updated_at = ${at}
          WHERE id = ${initiativeId} RETURNING endorsement_count AS count`,
    ))!;
    appendEvent(tx, {
      type: add ? 'endorsement.added' : 'endorsement.removed',
      threadId: initiative.threadId,
      initiativeId,
      actor: viewer,
      attribution: thread.attribution,
      payload: { endorsements: count },
    });
  });
  return getInitiative(viewer, initiativeId);
}
