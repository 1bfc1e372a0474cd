import { sql } from 'drizzle-orm';
import { canArchiveThread, canEditThread } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { topicExists, unknownPartners } from '../../reference/reference';
import { parseInput } from '../../validation/common';
import { updateThreadInput } from '../../validation/moderation';
import { bucketCountsSql } from '../dashboard/totals';
import { reindex } from '../search/index-writes';
import { write } from '../write';
import { getThread } from './get-thread';
import type { ThreadView } from './serialize-thread';
import { assertRoomOpen, visibleThread } from './thread-access';

/**
 * A room's creator or a facilitator corrects its title, summary, topic or tags. The event carries
 * the fields that changed (their new values); the search index follows in the same transaction.
 */
export async function updateThread(viewer: Viewer, threadId: number, rawInput: unknown): Promise<ThreadView> {
  const thread = await visibleThread(viewer, threadId);
  const input = parseInput(updateThreadInput, rawInput);
  if (!canEditThread(viewer, thread.createdBy)) throw forbidden('onlyCreatorEditsRoom');
  if (input.topic !== undefined && !(await topicExists(input.topic))) throw invalid('someFieldsInvalid', { topic: 'unknownTopic' });
  const unknown = input.partners ? await unknownPartners(input.partners) : [];
  if (unknown.length) throw invalid('someFieldsInvalid', { partners: errorText('unknownPartners', { partners: unknown.join(', ') }) });
  await write(async (tx) => {
    await assertRoomOpen(tx, threadId);
    const current = (await tx.get<{ title: string; summary: string; topic: string }>(
      sql`SELECT title, summary, topic FROM threads WHERE id = ${threadId}`,
    ))!;
    const [states, partners] = await Promise.all([
      tx.all<{ code: string }>(sql`SELECT state_code AS code FROM thread_states WHERE thread_id = ${threadId} ORDER BY state_code`),
      tx.all<{ code: string }>(sql`SELECT partner_code AS code FROM thread_partners WHERE thread_id = ${threadId} ORDER BY partner_code`),
    ]);
    const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
    const changes: Record<string, unknown> = {};
    if (input.title !== undefined && input.title !== current.title) changes.title = input.title;
    if (input.summary !== undefined && input.summary !== current.summary) changes.summary = input.summary;
    if (input.topic !== undefined && input.topic !== current.topic) changes.topic = input.topic;
    if (
      input.states &&
      !same(
        input.states,
        states.map((s) => s.code),
      )
    )
      changes.states = input.states;
    if (
      input.partners &&
      !same(
        input.partners,
        partners.map((p) => p.code),
      )
    )
      changes.partners = input.partners;
    if (Object.keys(changes).length === 0) return;
    const at = now();
    // The dashboard counts an open room's initiatives and endorsements by topic: a new topic moves them.
    const roomTotals = async (sign: 1 | -1) => {
      const rows = await tx.all<{ bucket: string; count: number | string }>(
        bucketCountsSql(sql`t.id = ${threadId} AND t.visibility = 'open'`),
      );
      for (const r of rows) {
        tx.pending.totals.buckets.set(r.bucket, (tx.pending.totals.buckets.get(r.bucket) ?? 0) + sign * Number(r.count));
      }
    };
    if (changes.topic !== undefined) await roomTotals(-1);
    await tx.run(
      sql`UPDATE threads SET title = ${input.title ?? current.title}, summary = ${input.summary ?? current.summary},
            topic = ${input.topic ?? current.topic}, last_activity_at = ${at} WHERE id = ${threadId}`,
    );
    if (changes.topic !== undefined) await roomTotals(1);
    if (changes.states) {
      await tx.run(sql`DELETE FROM thread_states WHERE thread_id = ${threadId}`);
      for (const code of input.states!) await tx.run(sql`INSERT INTO thread_states (thread_id, state_code) VALUES (${threadId}, ${code})`);
    }
    if (changes.partners) {
      await tx.run(sql`DELETE FROM thread_partners WHERE thread_id = ${threadId}`);
      for (const code of input.partners!) {
        await tx.run(sql`INSERT INTO thread_partners (thread_id, partner_code) VALUES (${threadId}, ${code})`);
      }
    }
    if (changes.title !== undefined || changes.summary !== undefined) {
      await reindex(tx, {
        kind: 'thread',
        id: threadId,
        threadId,
        title: input.title ?? current.title,
        body: input.summary ?? current.summary,
      });
    }
    appendEvent(tx, { type: 'thread.updated', threadId, actor: viewer, attribution: thread.attribution, payload: changes });
  });
  return getThread(viewer, threadId);
}

/**
 * A facilitator archives a room: from then on it is read-only — messages, initiatives, stances,
 * joining, endorsements and edits answer 409 — while it stays readable by whoever could read it.
 */
export async function archiveThread(viewer: Viewer, threadId: number): Promise<ThreadView> {
  const thread = await visibleThread(viewer, threadId);
  if (!canArchiveThread(viewer)) throw forbidden('onlyFacilitatorArchives');
  if (thread.archivedAt) throw conflict('alreadyArchived');
  await write(async (tx) => {
    await assertRoomOpen(tx, threadId);
    const at = now();
    await tx.run(sql`UPDATE threads SET archived_at = ${at}, archived_by = ${viewer.id} WHERE id = ${threadId}`);
    appendEvent(tx, { type: 'thread.archived', threadId, actor: viewer, attribution: thread.attribution, payload: { archivedAt: at } });
  });
  return getThread(viewer, threadId);
}
