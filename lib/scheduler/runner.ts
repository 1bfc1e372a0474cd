import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { dialectSql } from '../../db/sql';
import { now } from '../clock';
import { write } from '../services/write';
import { jobHandler, type Job } from './jobs';

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
  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = async () => {
    for (let i = 0; i < (options.batch ?? 50) && !stopped; i++) if (!(await runOneDueJob())) break;
  };
  const timer = setInterval(() => {
    if (!running)
      running = tick()
        .catch(() => undefined)
        .finally(() => (running = null));
  }, options.intervalMs ?? 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** Claims and runs the earliest due job; false when none is due. */
export async function runOneDueJob(): Promise<boolean> {
  // A cheap look first: most ticks find nothing due, and need no write transaction.
  if (!(await db().get(sql`SELECT 1 FROM jobs WHERE done_at IS NULL AND run_at <= ${now()} LIMIT 1`))) return false;
  let failed: { job: Job; error: unknown } | null = null;
  const ran = await write(async (tx) => {
    const row = await tx.get<Omit<Job, 'payload'> & { payload: string }>(
      sql`SELECT id, kind, key, run_at AS "runAt", payload, attempts FROM jobs
          WHERE done_at IS NULL AND run_at <= ${now()} ORDER BY run_at, id LIMIT 1${dialectSql.forUpdateSkipLocked}`,
    );
    if (!row) return false;
    const job: Job = { ...row, payload: JSON.parse(row.payload) };
    const handler = jobHandler(job.kind);
    if (!handler) {
      await tx.run(sql`UPDATE jobs SET done_at = ${now()}, last_error = ${'no handler for this kind'} WHERE id = ${job.id}`);
      return true;
    }
    try {
      await handler(tx, job);
    } catch (error) {
      failed = { job, error };
      throw error;
    }
    await tx.run(sql`UPDATE jobs SET done_at = ${now()}, attempts = attempts + 1 WHERE id = ${job.id}`);
    return true;
  }).catch(async (error) => {
    if (!failed) throw error;
    await retryLater(failed.job, failed.error);
    return true;
  });
  return ran;
}

async function retryLater(job: Job, error: unknown): Promise<void> {
  const delay = Math.min(RETRY_BASE_MS * 2 ** job.attempts, RETRY_MAX_MS);
  const runAt = new Date(Date.now() + delay).toISOString();
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Job ${job.kind} ${job.key} failed (attempt ${job.attempts + 1}), retried in ${Math.round(delay / 1000)} s: ${message}`);
  await write((tx) =>
    tx.run(sql`UPDATE jobs SET attempts = attempts + 1, last_error = ${message}, run_at = ${runAt} WHERE id = ${job.id}`),
  );
}
