import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { now } from '../clock';
import type { WriteTx } from '../services/write';

/** A job as its handler sees it. */
export interface Job {
  id: number;
  kind: string;
  key: string;
  runAt: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Runs inside the write transaction that also marks the job done: it happens exactly once, or not at all. */
export type JobHandler = (tx: WriteTx, job: Job) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** What a kind of job does when due. Register at start, in every process that runs jobs. */
export function registerJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function jobHandler(kind: string): JobHandler | undefined {
  return handlers.get(kind);
}

/**
 * Schedules (or moves) the one pending job of this kind and key, in the caller's transaction —
 * so a deadline is recorded with the change that sets it, or not at all.
 */
export async function scheduleJob(
  tx: Db,
  job: { kind: string; key: string; runAt: string; payload?: Record<string, unknown> },
): Promise<void> {
  await tx.run(
    sql`INSERT INTO jobs (kind, key, run_at, payload, created_at)
        VALUES (${job.kind}, ${job.key}, ${job.runAt}, ${JSON.stringify(job.payload ?? {})}, ${now()})
        ON CONFLICT (kind, key) WHERE done_at IS NULL DO UPDATE SET run_at = excluded.run_at, payload = excluded.payload`,
  );
}

/** Schedules the job unless one of this kind and key is already pending. */
export async function scheduleJobOnce(
  tx: Db,
  job: { kind: string; key: string; runAt: string; payload?: Record<string, unknown> },
): Promise<void> {
  await tx.run(
    sql`INSERT INTO jobs (kind, key, run_at, payload, created_at)
        VALUES (${job.kind}, ${job.key}, ${job.runAt}, ${JSON.stringify(job.payload ?? {})}, ${now()})
        ON CONFLICT (kind, key) WHERE done_at IS NULL DO NOTHING`,
  );
}

/** Cancels the pending job of this kind and key, if any (the deadline no longer applies). */
export async function cancelJob(tx: Db, kind: string, key: string): Promise<void> {
  await tx.run(sql`UPDATE jobs SET done_at = ${now()}, last_error = 'cancelled' WHERE kind = ${kind} AND key = ${key} AND done_at IS NULL`);
}
