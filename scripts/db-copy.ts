// npm run db:copy -- --from PATH: copies a SQLite database (every row, ids kept) into the empty
// PostgreSQL database at DATABASE_URL, so an installation grows from one machine to several
// without losing its history, accounts, tokens or sessions' secret.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { closeDatabase, database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import * as sqliteSchema from '../db/schema/sqlite';
import { readEnv } from '../lib/env';
import { rebuildSearchIndex } from '../lib/services/search/index-writes';

const BATCH = 500;

/** Tables in an order where every row's references are already copied. */
const ORDER = [
  'states',
  'partners',
  'topics',
  'participants',
  'delegations',
  'invites',
  'api_tokens',
  'threads',
  'thread_states',
  'thread_partners',
  'memberships',
  'messages',
  'message_edits',
  'message_reports',
  'initiatives',
  'stances',
  'initiative_versions',
  'initiative_partners',
  'endorsements',
  'implementations',
  'meetings',
  'meeting_states',
  'agenda_items',
  'readouts',
  'readout_approvals',
  'follows',
  'notification_mutes',
  'notifications',
  'outbox',
  'events',
  'operations',
  'dashboard_totals',
  'status_deltas',
  'settings',
  'jobs',
];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const fromIndex = process.argv.indexOf('--from');
const source = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
if (!source) fail('Usage: DATABASE_URL=postgres://… npm run db:copy -- --from PATH/TO/chaikhana.db');
if (!fs.existsSync(source)) fail(`No SQLite database at ${source}`);
if (!readEnv().DATABASE_URL) fail('Set DATABASE_URL to the (empty) PostgreSQL database to copy into.');

const tables = new Map(
  Object.values(sqliteSchema as Record<string, unknown>)
    .filter((t): t is SQLiteTable => t instanceof SQLiteTable)
    .map((t) => {
      const config = getTableConfig(t);
      return [config.name, config.columns.map((c) => c.name)] as const;
    }),
);
if (ORDER.length !== tables.size || ORDER.some((t) => !tables.has(t))) fail('db:copy does not know every table: update its ORDER.');

const sqlite = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
const migrationsHere = fs
  .readdirSync(path.join(import.meta.dirname, '..', 'db', 'migrations', 'sqlite'))
  .filter((f) => f.endsWith('.sql')).length;
const migrationsThere = (sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
if (migrationsThere !== migrationsHere) {
  fail(
    `${source} is at migration ${migrationsThere} of ${migrationsHere}: start the server on it once (or DATABASE_PATH=${source} npm run db:migrate), then copy.`,
  );
}

await applyMigrations();
const target = database();
const copied = await target.transaction(async (tx) => {
  const taken = await tx.get<{ n: number }>(sql`SELECT (SELECT COUNT(*) FROM participants) + (SELECT COUNT(*) FROM events) AS n`);
  if (taken!.n > 0) fail('The PostgreSQL database is not empty: db:copy only fills a new one.');
  const counts: Record<string, number> = {};
  for (const table of ORDER) {
    const columns = tables.get(table)!;
    const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
    const rows = sqlite
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)
      .raw()
      .all() as unknown[][];
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows.slice(i, i + BATCH).map(
        (row) =>
          sql`(${sql.join(
            row.map((v) => sql`${v}`),
            sql`, `,
          )})`,
      );
      await tx.run(sql`INSERT INTO ${sql.raw(`"${table}"`)} (${list}) VALUES ${sql.join(values, sql`, `)}`);
    }
    counts[table] = rows.length;
    // New rows continue after the copied ids.
    if (columns.includes('id') && table !== 'events') {
      await tx.get(
        sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT MAX(id) FROM ${sql.raw(`"${table}"`)}), 0) + 1, false)`,
      );
    }
  }
  await tx.run(sql`UPDATE event_counter SET last_id = (SELECT COALESCE(MAX(id), 0) FROM events) WHERE id = 1`);
  // The sessions' secret of the SQLite installation, so signed-in people stay signed in.
  const secretFile = path.join(path.dirname(path.resolve(source)), 'nextauth-secret');
  if (fs.existsSync(secretFile)) {
    const secret = fs.readFileSync(secretFile, 'utf8').trim();
    await tx.run(sql`INSERT INTO settings (key, value) VALUES ('nextauth_secret', ${secret}) ON CONFLICT (key) DO NOTHING`);
  }
  return counts;
});
// The search index is derived data (not a drizzle table, so not in ORDER): written anew from the copied rows.
await rebuildSearchIndex();
// Fresh statistics: until autovacuum gets to the new rows the planner guesses, and the dashboard's
// queries took 600 ms instead of 10 on a copied database of 200,000 events.
await target.reader.run(sql`ANALYZE`);
sqlite.close();
await closeDatabase();
const summary = Object.entries(copied)
  .filter(([, n]) => n > 0)
  .map(([t, n]) => `${t} ${n}`)
  .join(', ');
console.log(`Copied ${source} into PostgreSQL: ${summary}.`);
