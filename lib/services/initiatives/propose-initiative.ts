import { prepared } from '../../../db/client';
import { canPostIn, canPropose } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { evaluateConsensus } from '../../consensus/consensus';
import { now } from '../../clock';
import { forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { countInTotals, recordStatusDelta } from '../dashboard/totals';
import { unknownPartners } from '../../reference/reference';
import { parseInput } from '../../validation/common';
import { proposeInitiativeInput } from '../../validation/initiatives';
import { touchThread, visibleThread } from '../threads/thread-access';
import { write } from '../write';
import { getInitiative } from './get-initiative';
import type { InitiativeView } from './serialize-initiative';

/** Proposes an initiative in a room: every participating state starts at `pending`. */
export function proposeInitiative(viewer: Viewer, threadId: number, rawInput: unknown): InitiativeView {
  const thread = visibleThread(viewer, threadId);
  const input = parseInput(proposeInitiativeInput, rawInput);
  if (!canPropose(viewer) || !canPostIn(viewer, thread)) throw forbidden('Your affiliation may not propose initiatives');
  const unknown = unknownPartners(input.partners);
  if (unknown.length) throw invalid('Some fields are not valid', { partners: `Unknown partner: ${unknown.join(', ')}` });

  const consensus = evaluateConsensus({
    stances: input.states.map((state) => ({ state, position: 'pending' })),
    partners: input.partners,
    formalized: false,
  });
  const id = write(() => {
    const at = now();
    const initiativeId = Number(
      prepared(
        `INSERT INTO initiatives (thread_id, title, summary, open_to_join, status, format, label, minus, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
      ).run(
        threadId,
        input.title,
        input.summary,
        input.openToJoin ? 1 : 0,
        consensus.status,
        consensus.format,
        consensus.label,
        viewer.id,
        at,
        at,
      ).lastInsertRowid,
    );
    for (const state of input.states) {
      prepared('INSERT INTO stances (initiative_id, state_code, joined_at) VALUES (?, ?, ?)').run(initiativeId, state, at);
    }
    for (const partner of input.partners) {
      prepared('INSERT INTO initiative_partners (initiative_id, partner_code) VALUES (?, ?)').run(initiativeId, partner);
    }
    touchThread(threadId, at, { initiatives: 1 });
    if (thread.visibility === 'open') {
      countInTotals(
        { status: consensus.status, format: consensus.format, hasMinus: false, partners: consensus.plus, topic: thread.topic },
        1,
      );
      recordStatusDelta(at, consensus.status, 1);
    }
    appendEvent({
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
