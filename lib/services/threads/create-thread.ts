import { prepared } from '../../../db/client';
import { canCreateThread } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { topicExists, unknownPartners } from '../../reference/reference';
import { parseInput } from '../../validation/common';
import { createThreadInput } from '../../validation/threads';
import { write } from '../write';
import { getThread } from './get-thread';
import type { ThreadView } from './serialize-thread';

/** Opens a room; its creator takes the first seat. Discreet rooms are for facilitators to open. */
export function createThread(viewer: Viewer, rawInput: unknown): ThreadView {
  const input = parseInput(createThreadInput, rawInput);
  if (!canCreateThread(viewer, input.visibility)) {
    throw forbidden(input.visibility === 'discreet' ? 'Only facilitators open discreet rooms' : 'Your affiliation may not open rooms');
  }
  if (!topicExists(input.topic)) throw invalid('Some fields are not valid', { topic: 'Unknown topic' });
  const unknown = unknownPartners(input.partners);
  if (unknown.length) throw invalid('Some fields are not valid', { partners: `Unknown partner: ${unknown.join(', ')}` });

  const id = write(() => {
    const at = now();
    const threadId = Number(
      prepared(
        `INSERT INTO threads (title, topic, summary, visibility, attribution, created_by, created_at, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.title, input.topic, input.summary, input.visibility, input.attribution, viewer.id, at, at).lastInsertRowid,
    );
    for (const state of input.states) prepared('INSERT INTO thread_states (thread_id, state_code) VALUES (?, ?)').run(threadId, state);
    for (const partner of input.partners)
      prepared('INSERT INTO thread_partners (thread_id, partner_code) VALUES (?, ?)').run(threadId, partner);
    prepared('INSERT INTO memberships (thread_id, participant_id, added_by, created_at) VALUES (?, ?, ?, ?)').run(
      threadId,
      viewer.id,
      viewer.id,
      at,
    );
    appendEvent({
      type: 'thread.created',
      threadId,
      actor: viewer,
      attribution: input.attribution,
      payload: {
        title: input.title,
        topic: input.topic,
        summary: input.summary,
        states: input.states,
        partners: input.partners,
        visibility: input.visibility,
        attribution: input.attribution,
      },
    });
    return threadId;
  });
  return getThread(viewer, id);
}
