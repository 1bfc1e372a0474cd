import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { now } from '../../clock';
import { readEnv } from '../../env';
import type { NotificationType } from '../../notifications/types';
import type { Notice } from './triggers';

/** A notification as stored, and as it goes live to its reader's sockets once committed. */
export interface StoredNotification {
  id: number;
  participantId: number;
  type: NotificationType;
  params: string;
  threadId: number | null;
  initiativeId: number | null;
  meetingId: number | null;
  createdAt: string;
  readAt: string | null;
}

const columns = (of: string) =>
  sql.raw(`${of}id, ${of}participant_id AS "participantId", ${of}type, ${of}params, ${of}thread_id AS "threadId",
  ${of}initiative_id AS "initiativeId", ${of}meeting_id AS "meetingId", ${of}created_at AS "createdAt", ${of}read_at AS "readAt"`);
/** A notification's columns, read from `notifications n`. */
export const NOTIFICATION_COLUMNS = columns('n.');

/**
 * Stores the notices of a change for each recipient, in the change's transaction, and with them
 * the immediate emails of those who asked for them (sent later by the outbox runner: a write never
 * waits for a mail server, and a rolled-back change sends nothing).
 */
export async function storeNotices(tx: Db, notices: Notice[]): Promise<StoredNotification[]> {
  const at = now();
  const stored: StoredNotification[] = [];
  // One statement per notice: its recipients query feeds the INSERT (the casts type the ids on PostgreSQL).
  for (const n of notices)
    stored.push(
      ...(await tx.all<StoredNotification>(
        sql`INSERT INTO notifications (participant_id, type, params, thread_id, initiative_id, meeting_id, created_at)
            SELECT r.id, ${n.type}, ${JSON.stringify(n.params)}, CAST(${n.threadId} AS INTEGER), CAST(${n.initiativeId} AS INTEGER),
                   CAST(${n.meetingId} AS INTEGER), ${at}
            FROM (${n.to}) r
            RETURNING ${columns('')}`,
      )),
    );
  if (stored.length && readEnv().SMTP_URL)
    await queueImmediateEmails(
      tx,
      stored.map((s) => s.id),
      at,
    );
  return stored;
}

async function queueImmediateEmails(tx: Db, ids: number[], at: string): Promise<void> {
  const immediate = sql`SELECT n.id FROM notifications n JOIN participants p ON p.id = n.participant_id
                        WHERE ${dialectSql.inList(sql`n.id`, ids)} AND p.email_mode = 'immediate'`;
  await tx.run(
    sql`INSERT INTO outbox (participant_id, kind, notification_ids, created_at, due_at)
        SELECT n.participant_id, 'immediate', '[' || n.id || ']', ${at}, ${at} FROM notifications n WHERE n.id IN (${immediate})`,
  );
  await tx.run(sql`UPDATE notifications SET mailed_at = ${at} WHERE id IN (${immediate})`);
}
