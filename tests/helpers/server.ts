import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { requireFreshBuild } from './build';
import { until } from './wait';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'dist', 'server.mjs');

export interface TestServer {
  url: string;
  port: number;
  dir: string;
  dbPath: string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, no cleanup. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and database file. */
  restart(): Promise<void>;
  /** A read-only look at the real database file. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  output(): string;
}

/**
 * Starts the real production server (`node dist/server.mjs`, the build in .next) on an
 * ephemeral port with a fresh SQLite file in a temporary folder. Refuses a build older than the
 * sources it is made from.
 */
export async function startServer(options: { demo?: boolean; env?: Record<string, string>; dbPath?: string } = {}): Promise<TestServer> {
  requireFreshBuild();
  const dir = options.dbPath ? path.dirname(options.dbPath) : fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-test-'));
  const dbPath = options.dbPath ?? path.join(dir, 'chaikhana.db');
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
    // On PostgreSQL (DATABASE_URL) the suites that use it read the database themselves.
    if (options.env?.DATABASE_URL) return;
    const due = () => {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'`).get();
        return table
          ? (
              db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE done_at IS NULL AND run_at <= ?`).get(new Date().toISOString()) as {
                n: number;
              }
            ).n
          : 0;
      } finally {
        db.close();
      }
    };
    await until(
      () => due() === 0,
      () => `the jobs due at start to run:\n${log}`,
      30_000,
    );
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
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    output: () => log,
  };
}
