import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { requireFreshBuild } from './build';
import { freshPostgresUrl, TEST_DIALECT } from './dialect';
import { until } from './wait';

// COUNT(*) is int8 in PostgreSQL: read it as a number, as SQLite gives it.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'dist', 'server.mjs');

export interface TestServer {
  url: string;
  port: number;
  dir: string;
  /** The SQLite file (the SQLite dialect only). */
  dbPath: string;
  dialect: 'sqlite' | 'postgres';
  /** The PostgreSQL database (the PostgreSQL dialect only). */
  databaseUrl: string | null;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, no cleanup. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and database file. */
  restart(): Promise<void>;
  /**
   * A look at the real database, outside the server: SQL both dialects understand, with `?`
   * placeholders (see `portable()` for the few things written differently).
   */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A write straight into the database, behind the server's back (another node, an operator). */
  execute(sql: string, ...params: unknown[]): Promise<void>;
  output(): string;
}

/**
 * Starts the real production server (`node dist/server.mjs`, the build in .next) on an
 * ephemeral port with a fresh database: a SQLite file in a temporary folder, or — in the
 * PostgreSQL run of the suite — a new database on the run's PostgreSQL server. Refuses a build
 * older than the sources it is made from.
 */
export async function startServer(
  options: { demo?: boolean; env?: Record<string, string>; dbPath?: string; dialect?: 'sqlite' | 'postgres' } = {},
): Promise<TestServer> {
  requireFreshBuild();
  const dir = options.dbPath ? path.dirname(options.dbPath) : fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-test-'));
  const dbPath = options.dbPath ?? path.join(dir, 'chaikhana.db');
  const dialect = options.env?.DATABASE_URL ? 'postgres' : options.dbPath ? 'sqlite' : (options.dialect ?? TEST_DIALECT);
  const databaseUrl = dialect === 'postgres' ? (options.env?.DATABASE_URL ?? (await freshPostgresUrl())) : null;
  // Idle connections close by themselves and never keep the test process alive.
  const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true }) : null;
  // An idle connection closed by the server (the outage suite stops it) is not an error of the
  // test: the pool drops it and the next query connects again.
  pool?.on('error', () => {});
  let child: ChildProcess | null = null;
  let log = '';
  let port = 0;

  async function launch(): Promise<void> {
    // SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server under a benchmark.
    child = spawn(process.execPath, [...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), SERVER], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_PATH: dbPath,
        CHAIKHANA_DEMO: options.demo === false ? '0' : '1',
        NEXTAUTH_URL: '',
        RATE_LIMIT_REGISTRATIONS: '1000',
        ...options.env,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Server did not start in 60 s:\n${log}`)), 60_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on http:\/\/localhost:(\d+)/.exec(log);
        if (match) {
          port = Number(match[1]);
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout!.on('data', onData);
      started.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      started.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Server exited with ${code}:\n${log}`));
      });
    });
  }

  function exited(): Promise<void> {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => current.once('exit', () => resolve()));
  }

  /**
   * The server's own background work at start (jobs already due, such as the first maintenance
   * run) has finished: afterwards, a write the tests see is one a request made.
   */
  async function settled(): Promise<void> {
    const due = async () => {
      const [{ n }] = await select<{ n: number }>(
        `SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NULL AND run_at <= ?`,
        new Date().toISOString(),
      );
      return n;
    };
    await until(
      async () => (await due()) === 0,
      () => `the jobs due at start to run:\n${log}`,
      30_000,
    );
  }

  async function select<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    if (pool) return (await pool.query(portable(sql), params)).rows as T[];
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  await launch();
  await settled();
  return {
    get url() {
      return `http://localhost:${port}`;
    },
    get port() {
      return port;
    },
    dir,
    dbPath,
    dialect,
    databaseUrl,
    async stop() {
      child?.kill('SIGTERM');
      await exited();
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async restart() {
      await launch();
      await settled();
    },
    query: select,
    async execute(sql: string, ...params: unknown[]) {
      if (pool) {
        await pool.query(portable(sql), params);
        return;
      }
      const db = new Database(dbPath);
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    output: () => log,
  };
}

/** `?` placeholders become PostgreSQL's `$1, $2, …` (outside quoted text). */
export function portable(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}

/** The text of a field in a JSON text column, as each dialect says it. */
export function jsonField(server: Pick<TestServer, 'dialect'>, column: string, ...path: string[]): string {
  return server.dialect === 'postgres' ? `(${column}::jsonb #>> '{${path.join(',')}}')` : `json_extract(${column}, '$.${path.join('.')}')`;
}

/** `column` is one of a list bound as one JSON parameter (`JSON.stringify([…])`), as each dialect says it. */
export function inJsonList(server: Pick<TestServer, 'dialect'>, column: string): string {
  return server.dialect === 'postgres'
    ? `${column} IN (SELECT value::int FROM jsonb_array_elements_text(?::jsonb) AS value)`
    : `${column} IN (SELECT value FROM json_each(?))`;
}
