import { tables } from '../../../db/schema';
import { canPostIn, canPropose } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { evaluateConsensus } from '../../consensus/consensus';
import { now } from '../../clock';
import { errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { countInTotals, recordStatusDelta } from '../dashboard/totals';
import { unknownPartners } from '../../reference/reference';
import { parseInput } from '../../validation/common';
import { proposeInitiativeInput } from '../../validation/initiatives';
import { assertRoomOpen, touchThread, visibleThread } from '../threads/thread-access';
import { indexNew } from '../search/index-writes';
import { write } from '../write';
import { getInitiative } from './get-initiative';
import type { InitiativeView } from './serialize-initiative';

const { initiativePartners, initiativeVersions, initiatives, stances } = tables;

/** Proposes an initiative in a room: every participating state starts at `pending`. */
export async function proposeInitiative(viewer: Viewer, threadId: number, rawInput: unknown): Promise<InitiativeView> {
  const thread = await visibleThread(viewer, threadId);
  const input = parseInput(proposeInitiativeInput, rawInput);
  if (!canPropose(viewer) || !canPostIn(viewer, thread)) throw forbidden('proposeAffiliation');
  const unknown = await unknownPartners(input.partners);
  if (unknown.length) throw invalid('someFieldsInvalid', { partners: errorText('unknownPartners', { partners: unknown.join(', ') }) });

  const consensus = evaluateConsensus({
    stances: input.states.map((state) => ({ state, position: 'pending' })),
    partners: input.partners,
    formalized: false,
  });
  const id = await write(async (tx) => {
    await assertRoomOpen(tx, threadId);
    const at = now();
    const [{ initiativeId }] = await tx.orm
      .insert(initiatives)
      .values({
        threadId,
        title: input.title,
        summary: input.summary,
        openToJoin: input.openToJoin ? 1 : 0,
        status: consensus.status,
        format: consensus.format,
        label: consensus.label,
        minus: '',
        createdBy: viewer.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ initiativeId: initiatives.id });
    await tx.orm.insert(stances).values(input.states.map((stateCode) => ({ initiativeId, stateCode, joinedAt: at })));
    await tx.orm
      .insert(initiativeVersions)
      .values({ initiativeId, version: 1, title: input.title, summary: input.summary, editedBy: viewer.id, createdAt: at });
    if (input.partners.length) {
      await tx.orm.insert(initiativePartners).values(input.partners.map((partnerCode) => ({ initiativeId, partnerCode })));
    }
    await touchThread(tx, threadId, at, { initiatives: 1 });
    await indexNew(tx, { kind: 'initiative', id: initiativeId, threadId, title: input.title, body: input.summary });
    if (thread.visibility === 'open') {
      countInTotals(
        tx,
        { status: consensus.status, format: consensus.format, hasMinus: false, partners: consensus.plus, topic: thread.topic },
        1,
      );
      recordStatusDelta(tx, at, consensus.status, 1);
    }
    appendEvent(tx, {
      type: 'initiative.proposed',
      threadId,
      initiativeId,
      actor: viewer,
      attribution: thread.attribution,
      payload: {
        title: input.title,
        summary: input.summary,
        states: consensus.active,
        partners: consensus.plus,
        openToJoin: input.openToJoin,
        status: consensus.status,
        format: consensus.format,
        label: consensus.label,
      },
    });
    return initiativeId;
  });
  return getInitiative(viewer, id);
}
