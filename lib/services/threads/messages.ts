import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
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
import { indexNew } from '../search/index-writes';
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
  const thread = await visibleThread(viewer, threadId);
  const { body } = parseInput(postMessageInput, rawInput);
  if (!canPostIn(viewer, thread)) throw forbidden('Observers read; they do not post');
  await checkMessageRate(viewer.id);
  return write(
    async (tx) => {
      const at = now();
      const inserted = await tx.get<{ id: number }>(
        sql`INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (${threadId}, ${viewer.id}, ${body}, ${at}) RETURNING id`,
      );
      await touchThread(tx, threadId, at, { messages: 1 });
      // The body only: an author's name never finds a message (Chatham rooms).
      await indexNew(tx, { kind: 'message', id: inserted!.id, threadId, title: '', body });
      const message: MessageView = { id: inserted!.id, threadId, body, author: publicActor(viewer, thread.attribution), createdAt: at };
      appendEvent(tx, { type: 'message.created', threadId, actor: viewer, attribution: thread.attribution, payload: { message } });
      return message;
    },
    { operation: opId ? { viewer, opId } : undefined },
  );
}

/** A page of messages, newest first; `before` is the id to continue from. */
export async function listMessages(viewer: Viewer, threadId: number, rawQuery: unknown, q = db()): Promise<Page<MessageView>> {
  const thread = await visibleThread(viewer, threadId, q);
  const query = parseInput(listMessagesQuery, rawQuery);
  const before = query.before ? sql`AND id < ${Number(query.before)}` : sql``;
  const rows = await q.all<{ id: number; threadId: number; authorId: number; body: string; createdAt: string }>(
    sql`SELECT id, thread_id AS "threadId", author_id AS "authorId", body, created_at AS "createdAt" FROM messages
        WHERE thread_id = ${threadId} ${before} ORDER BY id DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.id),
    async (page) => {
      const authors = await participantsById(
        page.map((r) => r.authorId),
        q,
      );
      return page.map(({ authorId, ...r }) => ({ ...r, author: publicActor(authors.get(authorId)!, thread.attribution) }));
    },
  );
}
