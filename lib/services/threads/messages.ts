import { prepared } from '../../../db/client';
import { canPostIn } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { publicActor } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { parseInput } from '../../validation/common';
import { listMessagesQuery, postMessageInput } from '../../validation/threads';
import { pageOf, type Page } from '../pagination';
import { checkMessageRate } from '../rate-limits';
import { write } from '../write';
import { participantsById } from './serialize-thread';
import { touchThread, visibleThread } from './thread-access';

export interface MessageView {
  id: number;
  threadId: number;
  body: string;
  author: PublicActor;
  createdAt: string;
}

/** Posts a message (plain text with a safe Markdown subset, rendered on display, never as HTML). */
export async function postMessage(viewer: Viewer, threadId: number, rawInput: unknown, opId?: string): Promise<MessageView> {
  const thread = visibleThread(viewer, threadId);
  const { body } = parseInput(postMessageInput, rawInput);
  if (!canPostIn(viewer, thread)) throw forbidden('Observers read; they do not post');
  await checkMessageRate(viewer.id);
  return write(
    () => {
      const at = now();
      const id = Number(
        prepared('INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?)').run(threadId, viewer.id, body, at)
          .lastInsertRowid,
      );
      touchThread(threadId, at, { messages: 1 });
      const message: MessageView = { id, threadId, body, author: publicActor(viewer, thread.attribution), createdAt: at };
      appendEvent({ type: 'message.created', threadId, actor: viewer, attribution: thread.attribution, payload: { message } });
      return message;
    },
    { operation: opId ? { viewer, opId } : undefined },
  );
}

/** A page of messages, newest first; `before` is the id to continue from. */
export function listMessages(viewer: Viewer, threadId: number, rawQuery: unknown): Page<MessageView> {
  const thread = visibleThread(viewer, threadId);
  const query = parseInput(listMessagesQuery, rawQuery);
  const rows = prepared(
    `SELECT id, thread_id AS threadId, author_id AS authorId, body, created_at AS createdAt FROM messages
     WHERE thread_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?`,
  ).all(threadId, query.before ?? null, query.before ?? null, query.limit + 1) as {
    id: number;
    threadId: number;
    authorId: number;
    body: string;
    createdAt: string;
  }[];
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    (page) => {
      const authors = participantsById(page.map((r) => r.authorId));
      return page.map(({ authorId, ...r }) => ({ ...r, author: publicActor(authors.get(authorId)!, thread.attribution) }));
    },
  );
}
