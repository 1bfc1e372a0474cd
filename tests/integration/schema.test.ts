import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pg from '../../db/schema/pg';
import * as sqlite from '../../db/schema/sqlite';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Tables only one dialect has, and why: see their comments in db/schema/pg.ts. */
const POSTGRES_ONLY = new Set(['event_counter', 'socket_io_attachments', 'rate_limits']);

type Shape = Record<string, Record<string, { notNull: boolean; primary: boolean; hasDefault: boolean }>>;

function shape(tables: { name: string; columns: { name: string; notNull: boolean; primary: boolean; hasDefault: boolean }[] }[]): Shape {
  return Object.fromEntries(
    tables
      .filter((t) => !POSTGRES_ONLY.has(t.name))
      .map((t) => [
        t.name,
        // Keys' defaults differ by nature (SQLite's integer key is the rowid; PostgreSQL's is an identity).
        Object.fromEntries(
          t.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary, hasDefault: c.primary || c.hasDefault }]),
        ),
      ]),
  );
}

describe('the two schemas', () => {
  it('declare the same tables and columns (names, nullability, keys, defaults)', () => {
    const sqliteTables = Object.values(sqlite as Record<string, unknown>)
      .filter((t): t is SQLiteTable => t instanceof SQLiteTable)
      .map(sqliteTableConfig);
    const pgTables = Object.values(pg as Record<string, unknown>)
      .filter((t): t is PgTable => t instanceof PgTable)
      .map(pgTableConfig);
    expect(sqliteTables.length).toBeGreaterThan(15);
    expect(shape(pgTables)).toEqual(shape(sqliteTables));
  });
});

describe('the committed migrations', () => {
  for (const [dialect, schema, folder] of [
    ['sqlite', 'db/schema/sqlite.ts', 'db/migrations/sqlite'],
    ['postgresql', 'db/schema/pg.ts', 'db/migrations/pg'],
  ] as const) {
    it(`are up to date with the ${dialect} schema (drizzle-kit generate finds nothing to add)`, () => {
      // drizzle-kit reads --out relative to the working folder.
      const copy = path.relative(ROOT, fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-migrations-')));
      fs.cpSync(path.join(ROOT, folder), path.join(ROOT, copy), { recursive: true });
      const before = fs.readdirSync(path.join(ROOT, copy)).sort();
      const output = execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', `--dialect=${dialect}`, `--schema=${schema}`, `--out=${copy}`],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const after = fs.readdirSync(path.join(ROOT, copy)).sort();
      fs.rmSync(path.join(ROOT, copy), { recursive: true, force: true });
      expect(after, output).toEqual(before);
      expect(output).toMatch(/No schema changes/);
    });
  }
});
