/**
 * Where PostgreSQL's limits on appending events sit, measured without the app: a transaction that
 * updates one of 10,000 rows and appends one event, with
 *  - ids from a sequence (commit order not kept: the baseline),
 *  - the same plus a NOTIFY (PostgreSQL serialises the commits of notifying transactions),
 *  - ids from one counter row (commit order kept; the next appender waits for the commit),
 *  - the counter, the append and the NOTIFY in one statement (what lib/events/append.ts does),
 * each at 10 and 50 concurrent clients.
 *
 *   npx tsx bench/postgres-append.ts      (SECONDS=8; embedded PostgreSQL, or BENCH_DATABASE_URL)
 */
import pg from 'pg';
import { freshDatabase, startTestPostgres } from '../tests/helpers/postgres';
import { machine } from './lib/stats';

const SECONDS = Number(process.env.SECONDS ?? 8);
const CLIENTS = [10, 50];

const APPENDS: Record<string, (client: pg.PoolClient) => Promise<unknown>> = {
  sequence: (c) => c.query("INSERT INTO ev (id, payload) VALUES (nextval('ev_seq'), 'x')"),
  'sequence + NOTIFY': async (c) => {
    await c.query("INSERT INTO ev (id, payload) VALUES (nextval('ev_seq'), 'x')");
    await c.query("SELECT pg_notify('ch', '1')");
  },
  'counter row': async (c) => {
    const { rows } = await c.query('UPDATE counter SET last = last + 1 WHERE id = 1 RETURNING last');
    await c.query("INSERT INTO ev (id, payload) VALUES ($1, 'x')", [rows[0].last]);
  },
  'counter row + NOTIFY': async (c) => {
    const { rows } = await c.query('UPDATE counter SET last = last + 1 WHERE id = 1 RETURNING last');
    await c.query("INSERT INTO ev (id, payload) VALUES ($1, 'x')", [rows[0].last]);
    await c.query("SELECT pg_notify('ch', '1')");
  },
  'counter row + NOTIFY, one statement': (c) =>
    c.query(
      `WITH k AS (UPDATE counter SET last = last + 1 WHERE id = 1 RETURNING last),
            i AS (INSERT INTO ev (id, payload) SELECT last, 'x' FROM k RETURNING id)
       SELECT pg_notify('ch', last::text) FROM k`,
    ),
};

async function rate(url: string, clients: number, append: (client: pg.PoolClient) => Promise<unknown>): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  let count = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const id = 1 + ((count++ * 7919 + w) % 10_000);
          await client.query('BEGIN');
          await client.query('UPDATE items SET v = v + 1 WHERE id = $1', [id]);
          await append(client);
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  return Math.round(count / SECONDS);
}

const server = await startTestPostgres({ embedded: !process.env.BENCH_DATABASE_URL });
try {
  const url = await freshDatabase(process.env.BENCH_DATABASE_URL ?? server.adminUrl);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE items (id int PRIMARY KEY, v int);
    INSERT INTO items SELECT g, 0 FROM generate_series(1, 10000) g;
    CREATE TABLE counter (id int PRIMARY KEY, last int); INSERT INTO counter VALUES (1, 0);
    CREATE TABLE ev (id int PRIMARY KEY, payload text); CREATE SEQUENCE ev_seq;`);
  // A listener, as every app node is one: NOTIFY has someone to deliver to.
  await setup.query('LISTEN ch');
  console.log(`Machine: ${machine()}; ${SECONDS} s per figure; transactions per second`);
  const results: Record<string, Record<number, number>> = {};
  for (const [name, append] of Object.entries(APPENDS)) {
    results[name] = {};
    for (const clients of CLIENTS) {
      await setup.query("TRUNCATE ev; UPDATE counter SET last = 0; SELECT setval('ev_seq', 1)");
      results[name][clients] = await rate(url, clients, append);
      console.log(`${name.padEnd(38)} ${String(clients).padStart(3)} clients  ${results[name][clients]}/s`);
    }
  }
  await setup.end();
  console.log(JSON.stringify({ date: new Date().toISOString(), machine: machine(), seconds: SECONDS, results }, null, 2));
} finally {
  await server.stop();
}
