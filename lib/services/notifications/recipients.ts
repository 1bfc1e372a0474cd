import { sql, type SQL } from 'drizzle-orm';
import { dialectSql } from '../../../db/sql';
import type { NotificationType } from '../../notifications/types';

/** Delegates of these states. */
export const delegatesOf = (states: string[]): SQL =>
  states.length
    ? sql`SELECT participant_id FROM delegations WHERE ${dialectSql.inList(sql`state_code`, states)}`
    : sql`SELECT NULL WHERE 1 = 0`;

/**
 * Who follows an initiative: whoever follows it or its room, and — without asking — the delegates
 * of every state taking part in it.
 */
export const followersOfInitiative = (initiativeId: number, threadId: number): SQL =>
  sql`SELECT participant_id FROM follows WHERE target_kind = 'initiative' AND target_id = ${initiativeId}
      UNION SELECT participant_id FROM follows WHERE target_kind = 'thread' AND target_id = ${threadId}
      UNION SELECT d.participant_id FROM delegations d JOIN stances s ON s.state_code = d.state_code AND s.initiative_id = ${initiativeId}`;

/** A room's people: its members and its followers. */
export const peopleOfRoom = (threadId: number): SQL =>
  sql`SELECT participant_id FROM memberships WHERE thread_id = ${threadId}
      UNION SELECT participant_id FROM follows WHERE target_kind = 'thread' AND target_id = ${threadId}`;

/**
 * Narrows candidates to who should be told: not the one who did it, not a disabled account, not one
 * who turned this kind off — and only who may see the room (`canSeeThread`, for a participant `p`).
 * A query of their ids, which the notifications' INSERT reads (one statement per notice).
 */
export function recipients(candidates: SQL, options: { type: NotificationType; threadId: number | null; actorId: number | null }): SQL {
  const seesRoom =
    options.threadId === null
      ? sql`1 = 1`
      : sql`EXISTS (SELECT 1 FROM threads t WHERE t.id = ${options.threadId} AND (t.visibility = 'open' OR (
          EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = p.id)
          AND (p.role = 'facilitator' OR p.affiliation <> 'observer'))))`;
  return sql`SELECT p.id FROM participants p
      WHERE p.id IN (${candidates}) AND p.disabled_at IS NULL AND p.id <> ${options.actorId ?? 0} AND ${seesRoom}
        AND NOT EXISTS (SELECT 1 FROM notification_mutes nm WHERE nm.participant_id = p.id AND nm.type = ${options.type})`;
}
