import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Client from '../../db/client';
import { freshPostgresUrl, TEST_DIALECT } from '../helpers/dialect';
import { elapse as sleep } from '../helpers/wait';

/**
 * The data layer itself, on a real SQLite file or a real PostgreSQL server: a write transaction
 * that awaits in the middle (as every async service may) never lets another request's statement
 * run inside it or read its uncommitted rows.
 */
let client: typeof Client;

beforeAll(async () => {
  if (TEST_DIALECT === 'postgres') process.env.DATABASE_URL = await freshPostgresUrl();
  else process.env.DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-tx-')), 'chaikhana.db');
  client = await import('../../db/client');
  await (await import('../../db/migrate')).applyMigrations();
});
afterAll(async () => {
  await client?.closeDatabase();
});

const probe = (key: string) => sql`SELECT value FROM settings WHERE key = ${key}`;

describe(`transactions on ${TEST_DIALECT}`, () => {
  it('a read during another request’s open write transaction never sees its rows; after the commit it does', async () => {
    const database = client.database();
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const writing = database.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('probe-1', 'uncommitted')`);
      inside();
      // An await inside the transaction: other requests' code runs now.
      await sleep(300);
    });
    await opened;
    expect(await client.db().get(probe('probe-1'))).toBeUndefined();
    expect(await database.snapshot((q) => q.get(probe('probe-1')))).toBeUndefined();
    expect(await client.db().orm.query.settings.findFirst({ where: (s, { eq }) => eq(s.key, 'probe-1') })).toBeUndefined();
    await writing;
    expect(await client.db().get(probe('probe-1'))).toEqual({ value: 'uncommitted' });
  });

  it('another write transaction never runs inside the open one, and never sees its rows before the commit', async () => {
    const database = client.database();
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const first = database.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('probe-2', 'first')`);
      inside();
      await sleep(300);
      // Still only our own row: nothing of the other transaction has landed inside this one.
      return tx.all<{ key: string }>(sql`SELECT key FROM settings WHERE key LIKE 'probe-2%' ORDER BY key`);
    });
    await opened;
    const second = database.transaction(async (tx) => {
      const seen = await tx.get(probe('probe-2'));
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('probe-2b', 'second')`);
      // Still open when the first one looks again.
      await sleep(600);
      return seen;
    });
    expect(await first).toEqual([{ key: 'probe-2' }]);
    // SQLite: the second waited for the first to commit; PostgreSQL: it ran beside it, without its row.
    const seenBySecond = await second;
    expect(seenBySecond === undefined || (seenBySecond as { value: string }).value === 'first').toBe(true);
    if (TEST_DIALECT === 'postgres') expect(seenBySecond).toBeUndefined();
  });

  it('a failure inside a transaction that awaited writes nothing at all', async () => {
    const database = client.database();
    await expect(
      database.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO settings (key, value) VALUES ('probe-3', 'rolled back')`);
        await sleep(50);
        throw new Error('the change fails half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await client.db().get(probe('probe-3'))).toBeUndefined();
  });
});
