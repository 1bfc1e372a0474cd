import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Client from '../../db/client';
import type * as Jobs from '../../lib/scheduler/jobs';
import type * as Runner from '../../lib/scheduler/runner';
import { freshPostgresUrl, TEST_DIALECT } from '../helpers/dialect';

/**
 * The scheduler on a real database: due jobs claimed by several runners at once (each claim a
 * transaction on a connection of its own — what several processes do) run exactly once; a job
 * whose run fails is neither lost nor done twice, and runs again later.
 */
let client: typeof Client;
let jobs: typeof Jobs;
let runner: typeof Runner;

beforeAll(async () => {
  if (TEST_DIALECT === 'postgres') process.env.DATABASE_URL = await freshPostgresUrl();
  else process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-jobs-')), 'chaikhana.db');
  client = await import('../../db/client');
  await (await import('../../db/migrate')).applyMigrations();
  jobs = await import('../../lib/scheduler/jobs');
  runner = await import('../../lib/scheduler/runner');
});
afterAll(async () => {
  await client?.closeDatabase();
});

const past = () => new Date(Date.now() - 1000).toISOString();

async function drain(runners: number): Promise<void> {
  await Promise.all(
    Array.from({ length: runners }, async () => {
      while (await runner.runOneDueJob());
    }),
  );
}

describe(`jobs on ${TEST_DIALECT}`, () => {
  it('run exactly once when four runners claim 200 due jobs at once', async () => {
    const runs: string[] = [];
    jobs.registerJob('test.record', async (tx, job) => {
      runs.push(job.key);
      // The job's own write, in the claiming transaction.
      await tx.run(sql`INSERT INTO settings (key, value) VALUES (${`ran:${job.key}`}, ${String(job.id)})`);
    });
    await client.database().transaction(async (tx) => {
      for (let i = 0; i < 200; i++) await jobs.scheduleJob(tx, { kind: 'test.record', key: `job-${i}`, runAt: past() });
    });
    await drain(4);
    expect(runs).toHaveLength(200);
    expect(new Set(runs).size).toBe(200);
    const written = await client.db().get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'ran:job-%'`);
    expect(Number(written!.n)).toBe(200);
    const pending = await client
      .db()
      .get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM jobs WHERE kind = 'test.record' AND done_at IS NULL`);
    expect(Number(pending!.n)).toBe(0);
  });

  it('leave a job whose run failed pending (nothing of it written), then run it once when it is due again', async () => {
    let attempts = 0;
    jobs.registerJob('test.flaky', async (tx, job) => {
      attempts++;
      await tx.run(sql`INSERT INTO settings (key, value) VALUES (${`flaky:${job.key}:${attempts}`}, 'x')`);
      if (attempts === 1) throw new Error('the first run dies half-way');
    });
    await client.database().transaction((tx) => jobs.scheduleJob(tx, { kind: 'test.flaky', key: 'once', runAt: past() }));
    await drain(2);
    expect(attempts).toBe(1);
    const after = await client
      .db()
      .get<{ runAt: string; attempts: number; lastError: string }>(
        sql`SELECT run_at AS "runAt", attempts, last_error AS "lastError" FROM jobs WHERE kind = 'test.flaky' AND done_at IS NULL`,
      );
    expect(after).toMatchObject({ attempts: 1, lastError: 'the first run dies half-way' });
    expect(Date.parse(after!.runAt)).toBeGreaterThan(Date.now());
    expect(await client.db().get(sql`SELECT 1 FROM settings WHERE key = 'flaky:once:1'`)).toBeUndefined();
    // Due again (as after a restart that missed the deadline): it runs, once.
    await client.database().transaction((tx) => tx.run(sql`UPDATE jobs SET run_at = ${past()} WHERE kind = 'test.flaky'`));
    await drain(2);
    expect(attempts).toBe(2);
    expect(await client.db().get(sql`SELECT 1 FROM settings WHERE key = 'flaky:once:2'`)).toBeDefined();
    expect(await client.db().get(sql`SELECT 1 FROM jobs WHERE kind = 'test.flaky' AND done_at IS NULL`)).toBeUndefined();
  });

  it('keep one pending job per kind and key: scheduling again moves it, cancelling ends it', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const database = client.database();
    await database.transaction((tx) => jobs.scheduleJob(tx, { kind: 'test.deadline', key: 'initiative:1', runAt: later }));
    await database.transaction((tx) => jobs.scheduleJob(tx, { kind: 'test.deadline', key: 'initiative:1', runAt: past() }));
    const pending = await client.db().all(sql`SELECT id FROM jobs WHERE kind = 'test.deadline' AND done_at IS NULL`);
    expect(pending).toHaveLength(1);
    await database.transaction((tx) => jobs.cancelJob(tx, 'test.deadline', 'initiative:1'));
    let ran = 0;
    jobs.registerJob('test.deadline', async () => {
      ran++;
    });
    await drain(1);
    expect(ran).toBe(0);
  });
});
