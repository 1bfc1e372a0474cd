import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { canEditMessage, canModerate, MESSAGE_EDIT_WINDOW_MS } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { editMessageInput, hideMessageInput } from '../../validation/moderation';
import { reindex, removeFromIndex } from '../search/index-writes';
import { MESSAGE_COLUMNS, messageView, type MessageRow, type MessageView } from '../threads/messages';
import { participantsById } from '../threads/serialize-thread';
import { assertRoomOpen, visibleThread, type VisibleThread } from '../threads/thread-access';
import { write, type WriteTx } from '../write';

/** A message and its room, if this participant may read the room; otherwise 404, as for a message that does not exist. */
export async function visibleMessage(
  viewer: Viewer,
  messageId: number,
  q: Db = db(),
): Promise<{ message: MessageRow; thread: VisibleThread }> {
  const message = await q.get<MessageRow>(sql`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ${messageId}`);
  if (!message) throw notFound('messageNotFound');
  try {
    return { message, thread: await visibleThread(viewer, message.threadId, q) };
  } catch {
    throw notFound('messageNotFound');
  }
}

async function viewOf(viewer: Viewer, messageId: number): Promise<MessageView> {
  const { message, thread } = await visibleMessage(viewer, messageId);
  const authors = await participantsById([message.authorId]);
  return messageView(viewer, message, authors.get(message.authorId)!, thread.attribution);
}

/**
 * The event log keeps no text a reader may no longer see: the earlier events of a message
 * (`message.created`, `message.edited`) are rewritten in the transaction of the change, so a
 * replay (`since`, `GET /api/v1/events`) shows the message as it now stands — the current text
 * after an edit, no text once it is retracted or hidden. The change itself is its own event.
 */
async function rewriteMessageEvents(tx: WriteTx, message: MessageRow, patch: Partial<MessageView>): Promise<void> {
  const rows = await tx.all<{ id: number; payload: string }>(
    sql`SELECT e.id, e.payload FROM events e
        WHERE e.thread_id = ${message.threadId} AND ${dialectSql.inList(sql`e.type`, ['message.created', 'message.edited'])}
          AND ${dialectSql.jsonInt(sql`e.payload`, ['message', 'id'])} = ${message.id}`,
  );
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { message: Record<string, unknown> };
    payload.message = { ...payload.message, ...patch };
    await tx.run(sql`UPDATE events SET payload = ${JSON.stringify(payload)} WHERE id = ${row.id}`);
  }
}

/** The author corrects a message within 15 minutes of posting it; the earlier text is kept for facilitators. */
export async function editMessage(viewer: Viewer, messageId: number, rawInput: unknown): Promise<MessageView> {
  const { message, thread } = await visibleMessage(viewer, messageId);
  const { body } = parseInput(editMessageInput, rawInput);
  if (!canEditMessage(viewer, message.authorId)) throw forbidden('onlyAuthorEdits');
  if (message.retractedAt || message.hiddenAt) throw conflict('messageRemovedNoEdit');
  if (Date.parse(now()) - Date.parse(message.createdAt) > MESSAGE_EDIT_WINDOW_MS) {
    throw conflict('editWindow', { minutes: MESSAGE_EDIT_WINDOW_MS / 60_000 });
  }
  await write(async (tx) => {
    await assertRoomOpen(tx, message.threadId);
    const current = await lockMessage(tx, messageId);
    if (current.retractedAt || current.hiddenAt) throw conflict('messageRemovedNoEdit');
    if (current.body === body) return;
    const at = now();
    await tx.run(
      sql`INSERT INTO message_edits (message_id, body, written_at, replaced_at)
          VALUES (${messageId}, ${current.body}, ${current.editedAt ?? current.createdAt}, ${at})`,
    );
    await tx.run(sql`UPDATE messages SET body = ${body}, edited_at = ${at} WHERE id = ${messageId}`);
    await reindex(tx, { kind: 'message', id: messageId, threadId: message.threadId, title: '', body });
    await rewriteMessageEvents(tx, message, { body, editedAt: at });
    appendEvent(tx, {
      type: 'message.edited',
      threadId: message.threadId,
      actor: viewer,
      attribution: thread.attribution,
      payload: { message: { id: messageId, threadId: message.threadId, body, editedAt: at } },
    });
  });
  return viewOf(viewer, messageId);
}

/**
 * The author withdraws a message: its text is erased — from the message, its earlier versions,
 * the search index and the event log — and every reader sees "retracted" in its place.
 */
export async function retractMessage(viewer: Viewer, messageId: number): Promise<MessageView> {
  const { message, thread } = await visibleMessage(viewer, messageId);
  if (!canEditMessage(viewer, message.authorId)) throw forbidden('onlyAuthorRetracts');
  if (message.retractedAt) throw conflict('alreadyRetracted');
  await write(async (tx) => {
    await assertRoomOpen(tx, message.threadId);
    const current = await lockMessage(tx, messageId);
    if (current.retractedAt) throw conflict('alreadyRetracted');
    const at = now();
    await tx.run(sql`UPDATE messages SET body = '', retracted_at = ${at} WHERE id = ${messageId}`);
    await tx.run(sql`DELETE FROM message_edits WHERE message_id = ${messageId}`);
    await removeFromIndex(tx, 'message', messageId);
    await rewriteMessageEvents(tx, message, { body: '', removed: 'retracted' });
    appendEvent(tx, {
      type: 'message.retracted',
      threadId: message.threadId,
      actor: viewer,
      attribution: thread.attribution,
      payload: { message: { id: messageId, threadId: message.threadId, removed: 'retracted' } },
    });
  });
  return viewOf(viewer, messageId);
}

/**
 * A facilitator hides a message, giving a reason: the text is gone for every other reader (pages,
 * API, search, replays, live events) and kept for facilitators with the reason. Moderation goes
 * on in an archived room: tidying a closed room is the chair's work.
 */
export async function hideMessage(viewer: Viewer, messageId: number, rawInput: unknown): Promise<MessageView> {
  const { message, thread } = await visibleMessage(viewer, messageId);
  const { reason } = parseInput(hideMessageInput, rawInput);
  if (!canModerate(viewer)) throw forbidden('onlyFacilitatorHides');
  if (message.retractedAt) throw conflict('retractedByAuthor');
  if (message.hiddenAt) throw conflict('alreadyHidden');
  await write(async (tx) => {
    const current = await lockMessage(tx, messageId);
    if (current.retractedAt || current.hiddenAt) throw conflict('alreadyRemoved');
    const at = now();
    await tx.run(sql`UPDATE messages SET hidden_at = ${at}, hidden_by = ${viewer.id}, hidden_reason = ${reason} WHERE id = ${messageId}`);
    await removeFromIndex(tx, 'message', messageId);
    await rewriteMessageEvents(tx, message, { body: '', removed: 'hidden' });
    // The reason stays out of the event: every reader of the room receives it, and a reason may quote the text.
    appendEvent(tx, {
      type: 'message.hidden',
      threadId: message.threadId,
      actor: viewer,
      attribution: thread.attribution,
      payload: { message: { id: messageId, threadId: message.threadId, removed: 'hidden' } },
    });
  });
  return viewOf(viewer, messageId);
}

export interface MessageVersion {
  body: string;
  writtenAt: string;
  replacedAt: string;
}

/** The earlier texts of an edited message, oldest first: facilitators only. */
export async function messageHistory(viewer: Viewer, messageId: number): Promise<{ items: MessageVersion[]; next: null }> {
  await visibleMessage(viewer, messageId);
  if (!canModerate(viewer)) throw forbidden('onlyFacilitatorsHistory');
  const items = await db().all<MessageVersion>(
    sql`SELECT body, written_at AS "writtenAt", replaced_at AS "replacedAt" FROM message_edits WHERE message_id = ${messageId} ORDER BY id`,
  );
  return { items, next: null };
}

/** Earlier texts of several messages at once (the room page, for facilitators). */
export async function historiesOf(viewer: Viewer, messageIds: number[], q: Db = db()): Promise<Map<number, MessageVersion[]>> {
  const map = new Map<number, MessageVersion[]>();
  if (!canModerate(viewer) || messageIds.length === 0) return map;
  const rows = await q.all<MessageVersion & { messageId: number }>(
    sql`SELECT message_id AS "messageId", body, written_at AS "writtenAt", replaced_at AS "replacedAt" FROM message_edits
        WHERE ${dialectSql.inList(sql`message_id`, messageIds)} ORDER BY id`,
  );
  for (const { messageId, ...v } of rows) map.set(messageId, [...(map.get(messageId) ?? []), v]);
  return map;
}

async function lockMessage(tx: WriteTx, messageId: number): Promise<MessageRow> {
  return (await tx.get<MessageRow>(sql`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ${messageId}${dialectSql.forUpdate}`))!;
}
