import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { dialectSql } from '../../db/sql';
import { now } from '../clock';
import { attempt, write } from '../services/write';
import { jobHandler, type Job } from './jobs';
import { poll } from './poller';

const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;

/**
 * Runs due jobs, in every process, each exactly once: a due job is claimed in a write
 * transaction (on PostgreSQL with FOR UPDATE SKIP LOCKED, so two processes never take the same
 * one; on SQLite the one writer takes turns), run there, and marked done in the same commit. A
 * process that dies mid-job leaves it pending for the next claim; a job that fails is retried
 * with a growing backoff. After a restart that missed deadlines, the overdue jobs run at once.
 */
export function startJobRunner(options: { intervalMs?: number; batch?: number } = {}): () => Promise<void> {
  return poll(options.intervalMs ?? 1000, async (stopped) => {
    for (let i = 0; i < (options.batch ?? 50) && !stopped(); i++) if (!(await runOneDueJob())) break;
  });
}

/** Claims and runs the earliest due job; false when none is due. */
export async function runOneDueJob(): Promise<boolean> {
  // A cheap look first: most ticks find nothing due, and need no write transaction.
  if (!(await db().get(sql`SELECT 1 FROM jobs WHERE done_at IS NULL AND run_at <= ${now()} LIMIT 1`))) return false;
  return write(async (tx) => {
    const row = await tx.get<Omit<Job, 'payload'> & { payload: string }>(
      sql`SELECT id, kind, key, run_at AS "runAt", payload, attempts FROM jobs
          WHERE done_at IS NULL AND run_at <= ${now()} ORDER BY run_at, id LIMIT 1${dialectSql.forUpdateSkipLocked}`,
    );
    if (!row) return false;
    const job: Job = { ...row, payload: JSON.parse(row.payload) };
    const handler = jobHandler(job.kind);
    const outcome = handler
      ? await attempt(tx, () => handler(tx, job))
      : { ok: false as const, error: new Error('no handler for this kind') };
    if (outcome.ok || !handler) {
      await tx.run(sql`UPDATE jobs SET done_at = ${now()}, attempts = attempts + 1 WHERE id = ${job.id}`);
      return true;
    }
    // Recorded in the claiming transaction: no other runner sees the job due until its retry time.
    const delay = Math.min(RETRY_BASE_MS * 2 ** job.attempts, RETRY_MAX_MS);
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    console.error(`Job ${job.kind} ${job.key} failed (attempt ${job.attempts + 1}), retried in ${Math.round(delay / 1000)} s: ${message}`);
    await tx.run(
      sql`UPDATE jobs SET attempts = attempts + 1, last_error = ${message}, run_at = ${new Date(Date.now() + delay).toISOString()}
          WHERE id = ${job.id}`,
    );
    return true;
  });
}
