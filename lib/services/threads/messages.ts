import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import { canModerate, canPostIn } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { publicActor, type Attribution } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { parseInput } from '../../validation/common';
import { listMessagesQuery, postMessageInput } from '../../validation/threads';
import { pageOf, type Page } from '../pagination';
import { checkMessageRate } from '../rate-limits';
import { indexNew } from '../search/index-writes';
import { write } from '../write';
import { participantsById } from './serialize-thread';
import { assertRoomOpen, touchThread, visibleThread } from './thread-access';

export interface MessageView {
  id: number;
  threadId: number;
  /** Empty when the text is gone for this reader (retracted; hidden, unless a facilitator reads). */
  body: string;
  author: PublicActor;
  createdAt: string;
  /** When its author last corrected it (the earlier texts are for facilitators: message history). */
  editedAt: string | null;
  /** `retracted` by its author or `hidden` by a facilitator; null while it stands. */
  removed: 'retracted' | 'hidden' | null;
  /** Facilitators only: why a hidden message was hidden. */
  hiddenReason?: string;
  /** In answers to one reader (never in events): the reader wrote it — even where the room names nobody. */
  mine?: boolean;
}

/** A message row as services read it. */
export interface MessageRow {
  id: number;
  threadId: number;
  authorId: number;
  body: string;
  createdAt: string;
  editedAt: string | null;
  retractedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
}

export const MESSAGE_COLUMNS = sql.raw(`m.id, m.thread_id AS "threadId", m.author_id AS "authorId", m.body, m.created_at AS "createdAt",
  m.edited_at AS "editedAt", m.retracted_at AS "retractedAt", m.hidden_at AS "hiddenAt", m.hidden_reason AS "hiddenReason"`);

/**
 * The one place that decides what a reader sees of a message: a retracted text is gone for
 * everyone; a hidden one is read by facilitators only, with the reason; names as the room allows.
 */
export function messageView(
  viewer: Viewer,
  row: MessageRow,
  author: Parameters<typeof publicActor>[0],
  attribution: Attribution,
): MessageView {
  const removed = row.retractedAt ? 'retracted' : row.hiddenAt ? 'hidden' : null;
  const readsHidden = removed === 'hidden' && canModerate(viewer);
  return {
    id: row.id,
    threadId: row.threadId,
    body: removed === null || readsHidden ? row.body : '',
    author: publicActor(author, attribution),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    removed,
    ...(readsHidden ? { hiddenReason: row.hiddenReason ?? '' } : {}),
    ...(row.authorId === viewer.id ? { mine: true } : {}),
  };
}

/** Posts a message (plain text with a safe Markdown subset, rendered on display, never as HTML). */
export async function postMessage(viewer: Viewer, threadId: number, rawInput: unknown, opId?: string): Promise<MessageView> {
  const thread = await visibleThread(viewer, threadId);
  const { body } = parseInput(postMessageInput, rawInput);
  if (!canPostIn(viewer, thread)) throw forbidden('observersNoPost');
  await checkMessageRate(viewer.id);
  return write(
    async (tx) => {
      await assertRoomOpen(tx, threadId);
      const at = now();
      const inserted = await tx.get<{ id: number }>(
        sql`INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (${threadId}, ${viewer.id}, ${body}, ${at}) RETURNING id`,
      );
      await touchThread(tx, threadId, at, { messages: 1 });
      // The body only: an author's name never finds a message (Chatham rooms).
      await indexNew(tx, { kind: 'message', id: inserted!.id, threadId, title: '', body });
      const message: MessageView = {
        id: inserted!.id,
        threadId,
        body,
        author: publicActor(viewer, thread.attribution),
        createdAt: at,
        editedAt: null,
        removed: null,
      };
      appendEvent(tx, { type: 'message.created', threadId, actor: viewer, attribution: thread.attribution, payload: { message } });
      return { ...message, mine: true };
    },
    { operation: opId ? { viewer, opId } : undefined },
  );
}

/** A page of messages, newest first; `before` is the id to continue from. */
export async function listMessages(viewer: Viewer, threadId: number, rawQuery: unknown, q = db()): Promise<Page<MessageView>> {
  const thread = await visibleThread(viewer, threadId, q);
  const query = parseInput(listMessagesQuery, rawQuery);
  const before = query.before ? sql`AND m.id < ${Number(query.before)}` : sql``;
  const rows = await q.all<MessageRow>(
    sql`SELECT ${MESSAGE_COLUMNS} FROM messages m
        WHERE m.thread_id = ${threadId} ${before} ORDER BY m.id DESC LIMIT ${query.limit + 1}`,
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
      return page.map((r) => messageView(viewer, r, authors.get(r.authorId)!, thread.attribution));
    },
  );
}
