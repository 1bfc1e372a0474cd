/**
 * Stance writes through the HTTP API under load, beside the raw driver's rate for the same
 * transaction (better-sqlite3, or node-postgres with DIALECT=postgres), and list latency — on
 * 10,000 initiatives and 100,000 events.
 *
 *   npm run build && npx tsx bench/stance-writes.ts        (BENCH_SECONDS=60 WRITERS=50 by default)
 *   DIALECT=postgres npx tsx bench/stance-writes.ts        (embedded PostgreSQL, or BENCH_DATABASE_URL)
 *
 * Besides rates, it reports the app process's CPU time per write (`serverCpuMsPerWrite`, read from
 * /proc): the write's cost, which other load on the machine changes far less than it changes rates.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hash } from '@node-rs/argon2';
import { CA_STATES, type Position, type StateCode, type Status } from '../lib/consensus/codes';
import { evaluateConsensus } from '../lib/consensus/consensus';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import pg from 'pg';
import { withMigratedDatabase } from './lib/database';
import { postgresCopyOf } from './lib/postgres';
import { generateDataset } from './lib/dataset';
import { httpClient } from './lib/http-load';
import { machine, round, summarize } from './lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WRITERS = Number(process.env.WRITERS ?? 50);
const INITIATIVES = Number(process.env.INITIATIVES ?? 10_000);
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const POSITIONS_CYCLE: Position[] = ['endorse', 'reservation', 'pending', 'step_aside'];
const DIALECT = process.env.DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** The same transaction as the set-stance service, written directly against better-sqlite3. */
function rawStanceRate(
  file: string,
  initiativeIds: number[],
  delegateIds: Record<StateCode, number>,
  seconds: number,
): { perSecond: number; cpuMsPerWrite: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The server's setting: checkpoints happen elsewhere (its worker thread), not after commits.
  db.pragma('wal_autocheckpoint = 10000');
  const read = db.prepare('SELECT position, note, acceding FROM stances WHERE initiative_id = ? AND state_code = ?');
  const update = db.prepare(
    'UPDATE stances SET position = ?, note = ?, set_at = ?, set_by = ?, acceding = 0 WHERE initiative_id = ? AND state_code = ?',
  );
  const event = db.prepare(
    'INSERT INTO events (type, thread_id, initiative_id, actor_id, actor, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const all = db.prepare('SELECT state_code AS state, position, acceding FROM stances WHERE initiative_id = ?');
  const partners = db.prepare('SELECT partner_code AS code FROM initiative_partners WHERE initiative_id = ?');
  const current = db.prepare('SELECT thread_id AS threadId, status, label, formalized_at AS formalizedAt FROM initiatives WHERE id = ?');
  const store = db.prepare('UPDATE initiatives SET status = ?, format = ?, label = ?, minus = ?, updated_at = ? WHERE id = ?');
  const write = db.transaction((id: number, state: StateCode, position: Position) => {
    const at = new Date().toISOString();
    const before = read.get(id, state) as { position: Position; note: string | null };
    const initiative = current.get(id) as { threadId: number; status: Status; label: string; formalizedAt: string | null };
    update.run(position, before.note, at, delegateIds[state], id, state);
    event.run(
      'stance.changed',
      initiative.threadId,
      id,
      delegateIds[state],
      '{"id":1,"name":"Delegate","affiliation":"government","state":"KZ"}',
      JSON.stringify({ state, from: before.position, to: position, note: null }),
      at,
    );
    const result = evaluateConsensus({
      stances: (all.all(id) as { state: StateCode; position: Position; acceding: number }[]).map((s) => ({
        ...s,
        acceding: Boolean(s.acceding),
      })),
      partners: (partners.all(id) as { code: string }[]).map((p) => p.code),
      formalized: initiative.formalizedAt !== null,
    });
    store.run(result.status, result.format, result.label, result.minus.join(','), at, id);
    if (result.status !== initiative.status || result.label !== initiative.label) {
      event.run(
        'status.changed',
        initiative.threadId,
        id,
        delegateIds[state],
        null,
        JSON.stringify({ from: initiative.status, to: result.status, label: result.label }),
        at,
      );
    }
  });
  let count = 0;
  const cpuBefore = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      const state = CA_STATES[count % 5];
      write.immediate(initiativeIds[(count * 7919) % initiativeIds.length], state, POSITIONS_CYCLE[count % 4]);
      count++;
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  return { perSecond: count / seconds, cpuMsPerWrite: (cpu.user + cpu.system) / 1000 / count };
}

/** The same transaction through node-postgres, with as many concurrent clients as the API has writers. */
async function rawPostgresRate(
  url: string,
  initiativeIds: number[],
  delegateIds: Record<StateCode, number>,
  seconds: number,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS });
  let count = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const i = count++;
          const id = initiativeIds[(i * 7919 + w) % initiativeIds.length];
          const state = CA_STATES[w % 5];
          const position = POSITIONS_CYCLE[i % 4];
          const at = new Date().toISOString();
          await client.query('BEGIN');
          const initiative = (
            await client.query('SELECT thread_id, status, label, formalized_at FROM initiatives WHERE id = $1 FOR UPDATE', [id])
          ).rows[0];
          const before = (
            await client.query('SELECT position, note FROM stances WHERE initiative_id = $1 AND state_code = $2', [id, state])
          ).rows[0];
          await client.query(
            'UPDATE stances SET position = $1, note = $2, set_at = $3, set_by = $4, acceding = 0 WHERE initiative_id = $5 AND state_code = $6',
            [position, before.note, at, delegateIds[state], id, state],
          );
          const all = (await client.query('SELECT state_code AS state, position, acceding FROM stances WHERE initiative_id = $1', [id]))
            .rows;
          const partners = (await client.query('SELECT partner_code AS code FROM initiative_partners WHERE initiative_id = $1', [id])).rows;
          const result = evaluateConsensus({
            stances: all.map((s: { state: StateCode; position: Position; acceding: number }) => ({ ...s, acceding: Boolean(s.acceding) })),
            partners: partners.map((p: { code: string }) => p.code),
            formalized: initiative.formalized_at !== null,
          });
          await client.query('UPDATE initiatives SET status = $1, format = $2, label = $3, minus = $4, updated_at = $5 WHERE id = $6', [
            result.status,
            result.format,
            result.label,
            result.minus.join(','),
            at,
            id,
          ]);
          const events = result.status !== initiative.status || result.label !== initiative.label ? 2 : 1;
          const last = (await client.query('UPDATE event_counter SET last_id = last_id + $1 WHERE id = 1 RETURNING last_id', [events]))
            .rows[0].last_id;
          await client.query(
            'INSERT INTO events (id, type, thread_id, initiative_id, actor_id, actor, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
            [
              last - events + 1,
              'stance.changed',
              initiative.thread_id,
              id,
              delegateIds[state],
              null,
              JSON.stringify({ state, from: before.position, to: position }),
              at,
            ],
          );
          if (events === 2) {
            await client.query(
              'INSERT INTO events (id, type, thread_id, initiative_id, actor_id, actor, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
              [
                last,
                'status.changed',
                initiative.thread_id,
                id,
                delegateIds[state],
                null,
                JSON.stringify({ from: initiative.status, to: result.status }),
                at,
              ],
            );
          }
          await client.query("SELECT pg_notify('chaikhana_events', $1)", [String(last)]);
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  return count / seconds;
}

/** The app process listening on a port (its pid, from `ss`), to read the CPU time it spends. */
function pidListeningOn(port: number): number {
  const line = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(line)?.[1];
  if (!pid) throw new Error(`No process listens on port ${port}`);
  return Number(pid);
}

/** CPU time (user + system, every thread) a process has used so far, in milliseconds. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5), counted from the state (field 3) here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-bench-'));
  const file = path.join(dir, 'chaikhana.db');
  console.log(
    `Machine: ${machine()}; load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`Dataset: ${INITIATIVES} initiatives, ${INITIATIVES * 5} stances, ${EVENTS} events → ${file}`);
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const dataset = await withMigratedDatabase(file, (db) => generateDataset(db, { initiatives: INITIATIVES, events: EVENTS, passwordHash }));
  fs.copyFileSync(file, path.join(dir, 'raw.db'));
  const postgres = DIALECT === 'postgres' ? await postgresCopyOf(file) : null;
  const rawPostgres = postgres ? await postgresCopyOf(file) : null;

  const server = await startServer(postgres ? { env: { DATABASE_URL: postgres.url }, demo: false } : { dbPath: file, demo: false });
  try {
    const cookies: Record<string, string> = {};
    for (const delegate of dataset.delegates) {
      const client = new Client(server.url);
      await client.signIn(delegate.email, password);
      cookies[delegate.state] = client.cookieHeader();
    }
    const request = httpClient(server.url, WRITERS + 4);

    // Warm up the route and the statement cache.
    for (let i = 0; i < 200; i++) {
      const state = CA_STATES[i % 5];
      await request(
        'PUT',
        `/api/v1/initiatives/${dataset.openInitiativeIds[i]}/stances/${state}`,
        { cookie: cookies[state] },
        JSON.stringify({ position: 'endorse' }),
      );
    }

    const serverPid = pidListeningOn(server.port);
    const cpuBefore = cpuMs(serverPid);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    const end = performance.now() + SECONDS * 1000;
    const perFiveSeconds = new Array<number>(Math.ceil(SECONDS / 5)).fill(0);
    const stalls: { endedAtSecond: number; ms: number }[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const state = CA_STATES[w % 5];
        while (performance.now() < end) {
          const i = n++;
          const id = dataset.openInitiativeIds[(i * 7919 + w) % dataset.openInitiativeIds.length];
          const result = await request(
            'PUT',
            `/api/v1/initiatives/${id}/stances/${state}`,
            { cookie: cookies[state] },
            // A reservation gives its reason (required since stances as diplomats give them).
            JSON.stringify(
              POSITIONS_CYCLE[i % 4] === 'reservation'
                ? { position: 'reservation', note: 'Quotas first.' }
                : { position: POSITIONS_CYCLE[i % 4] },
            ),
          );
          latencies.push(result.ms);
          const at = (performance.now() - (end - SECONDS * 1000)) / 1000;
          perFiveSeconds[Math.min(perFiveSeconds.length - 1, Math.floor(at / 5))]++;
          if (result.ms > 500) stalls.push({ endedAtSecond: round(at, 2), ms: round(result.ms, 0) });
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        }
      }),
    );
    const ok = statuses.get(200) ?? 0;
    // The server's CPU per write: what a write costs, whatever else the machine is doing meanwhile.
    const serverCpuMsPerWrite = (cpuMs(serverPid) - cpuBefore) / latencies.length;
    const writes = {
      ...summarize(latencies),
      perSecond: round(ok / SECONDS, 0),
      serverCpuMsPerWrite: round(serverCpuMsPerWrite, 3),
      errors: latencies.length - ok,
      statuses: Object.fromEntries(statuses),
      perFiveSeconds,
      requestsOver500ms: stalls.length,
      firstStalls: stalls.slice(0, 5),
    };

    // Reads: the keyset-paginated list with a filter, one request at a time.
    const reads: number[] = [];
    for (let i = 0; i < 300; i++) {
      const state = CA_STATES[i % 5];
      const filter = ['status=consultation', `state=${state}`, 'format=CA-3', 'topic=water'][i % 4];
      const result = await request('GET', `/api/v1/initiatives?limit=50&${filter}`, { cookie: cookies[state] });
      if (result.status !== 200) throw new Error(`GET initiatives → ${result.status}`);
      reads.push(result.ms);
    }
    await server.stop();

    const delegateIds = Object.fromEntries(dataset.delegates.map((d) => [d.state, d.id])) as Record<StateCode, number>;
    const raw = rawPostgres
      ? {
          perSecond: await rawPostgresRate(rawPostgres.url, dataset.openInitiativeIds, delegateIds, Math.min(10, SECONDS)),
          cpuMsPerWrite: null,
        }
      : rawStanceRate(path.join(dir, 'raw.db'), dataset.openInitiativeIds, delegateIds, Math.min(10, SECONDS));
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      seconds: SECONDS,
      writers: WRITERS,
      dataset: { initiatives: INITIATIVES, events: EVENTS },
      httpStanceWrites: writes,
      dialect: DIALECT,
      rawDriverStanceWritesPerSecond: round(raw.perSecond, 0),
      ratio: round(writes.perSecond / raw.perSecond, 3),
      // SQLite: the same transaction's CPU through the raw driver, in this process (PostgreSQL: not comparable).
      rawDriverCpuMsPerWrite: raw.cpuMsPerWrite === null ? null : round(raw.cpuMsPerWrite, 3),
      listInitiativesLimit50: summarize(reads),
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/stance-writes-${DIALECT}-${Date.now()}.json`, JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    await postgres?.server.stop();
    await rawPostgres?.server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
