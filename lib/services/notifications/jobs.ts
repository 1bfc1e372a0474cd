import { sql } from 'drizzle-orm';
import { dialectSql } from '../../../db/sql';
import { now } from '../../clock';
import { readEnv } from '../../env';
import { registerJob, scheduleJobOnce } from '../../scheduler/jobs';
import { write, type WriteTx } from '../write';
import { CONFIRMATION_REMINDER_JOB, confirmationDueNotice, SILENCE_REMINDER_JOB, silenceEndingNotice } from './triggers';

export const DIGEST_JOB = 'notify.daily_digest';
/** A day's digest goes out at 05:00 UTC: 10:00 in Almaty, Tashkent, Dushanbe and Ashgabat, 11:00 in Bishkek. */
const DIGEST_OFFSET_SECONDS = 5 * 3600;
/** What a digest may still tell: older unread news is left to the app. */
const DIGEST_HORIZON_MS = 7 * 24 * 3600 * 1000;

/** The reminders and the digests, run by the durable scheduler: exactly once, also after a restart. */
export function registerNotificationJobs(): void {
  registerJob(SILENCE_REMINDER_JOB, async (tx, job) => {
    const notice = await silenceEndingNotice(tx, Number(job.key), String(job.payload.deadline));
    if (notice) tx.pending.notices.push(notice);
  });
  registerJob(CONFIRMATION_REMINDER_JOB, async (tx, job) => {
    const [initiativeId, state] = job.key.split(':');
    const notice = await confirmationDueNotice(tx, Number(initiativeId), state, String(job.payload.confirmBy));
    if (notice) tx.pending.notices.push(notice);
  });
  registerJob(DIGEST_JOB, async (tx, job) => {
    await queueDigests(tx);
    // After this run's own time, even when it runs early (an operator pulled it forward).
    await scheduleNextDigest(tx, Date.parse(job.key));
  });
}

/** At start (with email configured): the next digest is on the schedule, once across processes. */
export async function scheduleDigests(): Promise<void> {
  if (!readEnv().SMTP_URL) return;
  await write((tx) => scheduleNextDigest(tx));
}

function scheduleNextDigest(tx: WriteTx, after = Date.now()): Promise<void> {
  const interval = readEnv().DIGEST_INTERVAL_SECONDS * 1000;
  const offset = (DIGEST_OFFSET_SECONDS * 1000) % interval;
  const from = Math.max(Date.now(), Number.isFinite(after) ? after : 0);
  const next = new Date(Math.floor((from - offset) / interval) * interval + interval + offset).toISOString();
  return scheduleJobOnce(tx, { kind: DIGEST_JOB, key: next, runAt: next });
}

/** One email per daily reader with unread news not yet mailed, listing all of it. */
async function queueDigests(tx: WriteTx): Promise<void> {
  const at = now();
  const since = new Date(Date.now() - DIGEST_HORIZON_MS).toISOString();
  const rows = await tx.all<{ id: number; participantId: number }>(
    sql`SELECT n.id, n.participant_id AS "participantId" FROM notifications n JOIN participants p ON p.id = n.participant_id
        WHERE p.email_mode = 'daily' AND p.disabled_at IS NULL AND n.mailed_at IS NULL AND n.read_at IS NULL AND n.created_at > ${since}
        ORDER BY n.participant_id, n.id`,
  );
  const byReader = new Map<number, number[]>();
  for (const r of rows) byReader.set(r.participantId, [...(byReader.get(r.participantId) ?? []), r.id]);
  for (const [participantId, ids] of byReader) {
    await tx.run(
      sql`INSERT INTO outbox (participant_id, kind, notification_ids, created_at, due_at) VALUES (${participantId}, 'digest', ${JSON.stringify(ids)}, ${at}, ${at})`,
    );
  }
  if (rows.length)
    await tx.run(
      sql`UPDATE notifications SET mailed_at = ${at} WHERE ${dialectSql.inList(
        sql`id`,
        rows.map((r) => r.id),
      )}`,
    );
}
