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

export const NOTIFICATION_COLUMNS = sql.raw(`n.id, n.participant_id AS "participantId", n.type, n.params, n.thread_id AS "threadId",
  n.initiative_id AS "initiativeId", n.meeting_id AS "meetingId", n.created_at AS "createdAt", n.read_at AS "readAt"`);

/**
 * Stores the notices of a change for each recipient, in the change's transaction, and with them
 * the immediate emails of those who asked for them (sent later by the outbox runner: a write never
 * waits for a mail server, and a rolled-back change sends nothing).
 */
export async function storeNotices(tx: Db, notices: Notice[]): Promise<StoredNotification[]> {
  const stored: StoredNotification[] = [];
  const at = now();
  for (const n of notices) {
    const params = JSON.stringify(n.params);
    const rows = sql.join(
      n.to.map((id) => sql`(${id}, ${n.type}, ${params}, ${n.threadId}, ${n.initiativeId}, ${n.meetingId}, ${at})`),
      sql`, `,
    );
    const ids = await tx.all<{ id: number; participantId: number }>(
      sql`INSERT INTO notifications (participant_id, type, params, thread_id, initiative_id, meeting_id, created_at)
          VALUES ${rows} RETURNING id, participant_id AS "participantId"`,
    );
    for (const { id, participantId } of ids)
      stored.push({
        id,
        participantId,
        type: n.type,
        params,
        threadId: n.threadId,
        initiativeId: n.initiativeId,
        meetingId: n.meetingId,
        createdAt: at,
        readAt: null,
      });
  }
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
