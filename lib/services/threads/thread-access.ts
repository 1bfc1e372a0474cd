import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { canSeeThread, seesDiscreetRooms } from '../../access/visibility';
import { notFound } from '../../errors';
import type { Attribution } from '../../events/actor';

export interface ThreadRow {
  id: number;
  title: string;
  topic: string;
  summary: string;
  visibility: 'open' | 'discreet';
  attribution: Attribution;
  createdBy: number;
  createdAt: string;
  lastActivityAt: string;
  messageCount: number;
  initiativeCount: number;
}

export interface VisibleThread extends ThreadRow {
  isMember: boolean;
}

export const THREAD_COLUMNS = `t.id, t.title, t.topic, t.summary, t.visibility, t.attribution, t.created_by AS createdBy,
  t.created_at AS createdAt, t.last_activity_at AS lastActivityAt, t.message_count AS messageCount,
  t.initiative_count AS initiativeCount`;

export function isMember(threadId: number, participantId: number): boolean {
  return prepared('SELECT 1 FROM memberships WHERE thread_id = ? AND participant_id = ?').get(threadId, participantId) !== undefined;
}

/** The room if this participant may see it; otherwise 404, the same answer as for a room that does not exist. */
export function visibleThread(viewer: Viewer, threadId: number): VisibleThread {
  const row = prepared(`SELECT ${THREAD_COLUMNS} FROM threads t WHERE t.id = ?`).get(threadId) as ThreadRow | undefined;
  if (!row) throw notFound('Room not found');
  const thread = { ...row, isMember: isMember(row.id, viewer.id) };
  if (!canSeeThread(viewer, thread)) throw notFound('Room not found');
  return thread;
}

/** The discreet rooms this participant sits in and may see (none for an observer). */
export function discreetRoomsOf(viewer: Viewer): number[] {
  if (!seesDiscreetRooms(viewer)) return [];
  return (
    prepared(
      `SELECT m.thread_id AS id FROM memberships m JOIN threads t ON t.id = m.thread_id WHERE m.participant_id = ? AND t.visibility = 'discreet'`,
    ).all(viewer.id) as { id: number }[]
  ).map((r) => r.id);
}

export function touchThread(threadId: number, at: string, counters: { messages?: number; initiatives?: number } = {}): void {
  prepared(
    `UPDATE threads SET last_activity_at = ?, message_count = message_count + ?, initiative_count = initiative_count + ? WHERE id = ?`,
  ).run(at, counters.messages ?? 0, counters.initiatives ?? 0, threadId);
}
