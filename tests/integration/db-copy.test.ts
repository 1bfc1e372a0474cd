import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { freshPostgresUrl } from '../helpers/dialect';
import { startServer } from '../helpers/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TABLES = [
  'participants',
  'delegations',
  'invites',
  'api_tokens',
  'threads',
  'memberships',
  'messages',
  'initiatives',
  'stances',
  'endorsements',
  'events',
  'operations',
  'dashboard_totals',
  'status_deltas',
];

/** Growing from one machine to several: `npm run db:copy` takes a SQLite installation into PostgreSQL whole. */
describe('db:copy', () => {
  it('copies every row with its id, and the installation goes on in PostgreSQL: same answers, same accounts, tokens and sessions', async () => {
    const lite = await startServer({ dialect: 'sqlite' });
    const kz = await signedIn(lite.url, DEMO.kz);
    const token = (await kz.post('/api/v1/me/tokens', { name: 'carried over' })).body.token as string;
    const room = (await kz.get('/api/v1/threads?limit=100')).body.items[0].id;
    await kz.post(`/api/v1/threads/${room}/messages`, { body: 'written before the move' }, { 'idempotency-key': 'before-the-move-1' });
    const before = {
      initiatives: (await kz.get('/api/v1/initiatives?limit=100')).body,
      events: (await kz.get('/api/v1/events?since=0&limit=1000')).body,
      dashboard: (await kz.get('/api/v1/dashboard')).body,
    };
    await lite.stop();

    const url = await freshPostgresUrl();
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', lite.dbPath], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    expect(output).toMatch(/^Copied .* into PostgreSQL: /);

    // Row for row, every table.
    const source = new Database(lite.dbPath, { readonly: true });
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      for (const table of TABLES) {
        const from = source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        const to = (await target.query(`SELECT * FROM ${table}`)).rows;
        const key = (row: Record<string, unknown>) => JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
        expect([table, to.map(key).sort()]).toEqual([table, from.map(key).sort()]);
      }
    } finally {
      source.close();
      await target.end();
    }

    const moved = await startServer({ env: { DATABASE_URL: url } });
    try {
      expect(moved.output()).not.toMatch(/Demo content seeded/);
      // The same session cookie and the same API token, the same answers.
      const sameSession = new Client(moved.url);
      for (const [name, value] of kz.cookies) sameSession.cookies.set(name, value);
      expect((await sameSession.get('/api/v1/me')).body.email).toBe(DEMO.kz);
      const script = new Client(moved.url);
      script.bearer = token;
      expect((await script.get('/api/v1/me')).status).toBe(200);
      expect((await sameSession.get('/api/v1/initiatives?limit=100')).body).toEqual(before.initiatives);
      expect((await sameSession.get('/api/v1/events?since=0&limit=1000')).body).toEqual(before.events);
      expect((await sameSession.get('/api/v1/dashboard')).body.totals).toEqual(before.dashboard.totals);
      expect(await new Client(moved.url).signIn(DEMO.uz)).toBe(200);
      // An operation id used before the move is still known; new rows continue after the copied ids.
      const retried = await sameSession.post(
        `/api/v1/threads/${room}/messages`,
        { body: 'written before the move' },
        { 'idempotency-key': 'before-the-move-1' },
      );
      expect(retried.status).toBe(201);
      const lastBefore = before.events.items.at(-1).id as number;
      expect((await sameSession.get(`/api/v1/events?since=${lastBefore}`)).body.items).toEqual([]);
      const fresh = await sameSession.post(`/api/v1/threads/${room}/messages`, { body: 'written after the move' });
      expect(fresh.status).toBe(201);
      const events = (await sameSession.get(`/api/v1/events?since=${lastBefore}`)).body.items as { id: number }[];
      expect(events.map((e) => e.id)).toEqual([lastBefore + 1]);
    } finally {
      await moved.stop();
    }
  });

  it('refuses to copy into a database that is not empty', async () => {
    const lite = await startServer({ dialect: 'sqlite' });
    await lite.stop();
    const url = await freshPostgresUrl();
    const env = { ...process.env, DATABASE_URL: url };
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', lite.dbPath], { cwd: ROOT, env, encoding: 'utf8' });
    let failure = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', '--from', lite.dbPath], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      failure = String((error as { stderr: string }).stderr);
    }
    expect(failure).toMatch(/not empty/);
  });
});
