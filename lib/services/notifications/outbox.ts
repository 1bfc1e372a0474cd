import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { now } from '../../clock';
import { readEnv } from '../../env';
import { publicOrigin } from '../../http/public-origin';
import { poll } from '../../scheduler/poller';
import { write } from '../write';
import { composeEmail, type OutboxRow } from './email';

const RETRY_MAX_MS = 60 * 60_000;

/**
 * Sends the outbox, in every process, each email once:
 * - an entry is claimed in a short write (on PostgreSQL FOR UPDATE SKIP LOCKED, so two processes
 *   never take the same one) with a lease, sent outside any transaction, then marked sent;
 * - a failure (server down, refusal) puts it back with a growing delay; the outage is logged once,
 *   and its end once;
 * - a process killed while sending leaves its entry claimed: another takes it over when the lease
 *   has passed. It was either not accepted by the mail server (sent now, once) or accepted just
 *   before the crash, the one case where it goes twice — with the same Message-ID, by which mail
 *   programs show it once.
 */
export function startOutbox(options: { intervalMs?: number } = {}): () => Promise<void> {
  const env = readEnv();
  if (!env.SMTP_URL) return async () => {};
  const transport = nodemailer.createTransport(env.SMTP_URL, { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 });
  let failing = false;
  const stop = poll(options.intervalMs ?? 1000, async (stopped) => {
    while (!stopped()) {
      const row = await claimOne(env.OUTBOX_LEASE_SECONDS);
      if (!row) return;
      try {
        const email = await composeEmail(row);
        if (email)
          await transport.sendMail({
            from: env.MAIL_FROM,
            to: email.to,
            subject: email.subject,
            text: email.text,
            headers: email.headers,
            messageId: messageId(row),
          });
        await write((tx) =>
          tx.run(
            sql`UPDATE outbox SET sent_at = ${now()}, claimed_until = NULL, last_error = ${email ? null : 'nothing to send'} WHERE id = ${row.id}`,
          ),
        );
        if (failing) console.log('Email: the mail server accepts mail again');
        failing = false;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!failing) console.error(`Email: sending failed, retrying with backoff (${message})`);
        failing = true;
        const delay = Math.min(env.OUTBOX_RETRY_SECONDS * 1000 * 2 ** (row.attempts - 1), RETRY_MAX_MS);
        await write((tx) =>
          tx.run(
            sql`UPDATE outbox SET claimed_until = NULL, last_error = ${message}, due_at = ${new Date(Date.now() + delay).toISOString()}
                WHERE id = ${row.id}`,
          ),
        );
        return;
      }
    }
  });
  return async () => {
    await stop();
    transport.close();
  };
}

/** The same for every attempt at the same entry: a resent copy is recognisably the same mail. */
function messageId(row: OutboxRow): string {
  return `<outbox-${row.id}-${Date.parse(row.createdAt)}@${new URL(publicOrigin()).hostname}>`;
}

/** Takes the earliest due entry no one holds, for the length of the lease. */
async function claimOne(leaseSeconds: number): Promise<(OutboxRow & { attempts: number }) | null> {
  const at = now();
  if (
    !(await db().get(
      sql`SELECT 1 FROM outbox WHERE sent_at IS NULL AND due_at <= ${at} AND (claimed_until IS NULL OR claimed_until < ${at}) LIMIT 1`,
    ))
  )
    return null;
  return write(async (tx) => {
    const row = await tx.get<OutboxRow & { attempts: number }>(
      sql`SELECT id, participant_id AS "participantId", kind, notification_ids AS "notificationIds", created_at AS "createdAt", attempts
          FROM outbox WHERE sent_at IS NULL AND due_at <= ${at} AND (claimed_until IS NULL OR claimed_until < ${at})
          ORDER BY due_at, id LIMIT 1${dialectSql.forUpdateSkipLocked}`,
    );
    if (!row) return null;
    const until = new Date(Date.now() + leaseSeconds * 1000).toISOString();
    await tx.run(sql`UPDATE outbox SET claimed_until = ${until}, attempts = attempts + 1 WHERE id = ${row.id}`);
    return { ...row, attempts: row.attempts + 1 };
  });
}
