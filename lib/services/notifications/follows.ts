import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { parseInput } from '../../validation/common';
import { followInput } from '../../validation/notifications';
import { visibleInitiative } from '../initiatives/initiative-access';
import { visibleThread } from '../threads/thread-access';
import { write } from '../write';

export interface Follow {
  threadId?: number;
  initiativeId?: number;
  following: boolean;
}

/** What is to be followed, if the caller may see it: otherwise 404, as for the thing itself. */
async function target(viewer: Viewer, rawInput: unknown, q: Db): Promise<{ kind: 'thread' | 'initiative'; id: number }> {
  const input = parseInput(followInput, rawInput);
  if ('threadId' in input) return { kind: 'thread', id: (await visibleThread(viewer, input.threadId, q)).id };
  return { kind: 'initiative', id: (await visibleInitiative(viewer, input.initiativeId, q)).initiative.id };
}

const shape = (t: { kind: 'thread' | 'initiative'; id: number }, following: boolean): Follow =>
  t.kind === 'thread' ? { threadId: t.id, following } : { initiativeId: t.id, following };

export function follow(viewer: Viewer, rawInput: unknown): Promise<Follow> {
  return write(async (tx) => {
    const t = await target(viewer, rawInput, tx);
    await tx.run(
      sql`INSERT INTO follows (participant_id, target_kind, target_id, created_at) VALUES (${viewer.id}, ${t.kind}, ${t.id}, ${now()})
          ON CONFLICT DO NOTHING`,
    );
    return shape(t, true);
  });
}

export function unfollow(viewer: Viewer, rawInput: unknown): Promise<Follow> {
  return write(async (tx) => {
    const t = await target(viewer, rawInput, tx);
    await tx.run(sql`DELETE FROM follows WHERE participant_id = ${viewer.id} AND target_kind = ${t.kind} AND target_id = ${t.id}`);
    return shape(t, false);
  });
}

/** Whether the viewer follows this room or initiative by choice (delegates also follow their state's initiatives without a row). */
export async function isFollowing(viewer: Viewer, kind: 'thread' | 'initiative', id: number): Promise<boolean> {
  return (
    (await db().get(sql`SELECT 1 FROM follows WHERE participant_id = ${viewer.id} AND target_kind = ${kind} AND target_id = ${id}`)) !==
    undefined
  );
}

/** The rooms and initiatives one follows by choice, among those one may still see. */
export async function listFollows(viewer: Viewer): Promise<Follow[]> {
  const rows = await db().all<{ kind: 'thread' | 'initiative'; id: number }>(
    sql`SELECT target_kind AS kind, target_id AS id FROM follows WHERE participant_id = ${viewer.id} ORDER BY created_at, target_id`,
  );
  const visible: Follow[] = [];
  for (const row of rows) {
    try {
      if (row.kind === 'thread') await visibleThread(viewer, row.id);
      else await visibleInitiative(viewer, row.id);
      visible.push(shape(row, true));
    } catch {
      // No longer visible (left a discreet room): not listed, and its news no longer comes.
    }
  }
  return visible;
}
