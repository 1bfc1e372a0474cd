import { tables } from '../../../db/schema';
import { canCreateThread } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { topicExists, unknownPartners } from '../../reference/reference';
import { parseInput } from '../../validation/common';
import { createThreadInput } from '../../validation/threads';
import { indexNew } from '../search/index-writes';
import { write } from '../write';
import { getThread } from './get-thread';
import type { ThreadView } from './serialize-thread';

const { memberships, threadPartners, threadStates, threads } = tables;

/** Opens a room; its creator takes the first seat. Discreet rooms are for facilitators to open. */
export async function createThread(viewer: Viewer, rawInput: unknown): Promise<ThreadView> {
  const input = parseInput(createThreadInput, rawInput);
  if (!canCreateThread(viewer, input.visibility)) {
    throw forbidden(input.visibility === 'discreet' ? 'onlyFacilitatorsDiscreet' : 'affiliationNoRooms');
  }
  if (!(await topicExists(input.topic))) throw invalid('someFieldsInvalid', { topic: 'unknownTopic' });
  const unknown = await unknownPartners(input.partners);
  if (unknown.length) throw invalid('someFieldsInvalid', { partners: errorText('unknownPartners', { partners: unknown.join(', ') }) });

  const id = await write(async (tx) => {
    const at = now();
    const [{ threadId }] = await tx.orm
      .insert(threads)
      .values({
        title: input.title,
        topic: input.topic,
        summary: input.summary,
        visibility: input.visibility,
        attribution: input.attribution,
        createdBy: viewer.id,
        createdAt: at,
        lastActivityAt: at,
      })
      .returning({ threadId: threads.id });
    if (input.states.length) await tx.orm.insert(threadStates).values(input.states.map((stateCode) => ({ threadId, stateCode })));
    if (input.partners.length) await tx.orm.insert(threadPartners).values(input.partners.map((partnerCode) => ({ threadId, partnerCode })));
    await indexNew(tx, { kind: 'thread', id: threadId, threadId, title: input.title, body: input.summary });
    await tx.orm.insert(memberships).values({ threadId, participantId: viewer.id, addedBy: viewer.id, createdAt: at });
    appendEvent(tx, {
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
