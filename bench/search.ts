/**
 * Full-text search over 200,000 messages (plus 200 rooms and 2,000 initiatives): the latency of
 * `GET /api/v1/search` for common, medium, rare, two-word and Russian queries through the HTTP
 * API; then what the index entry adds to a write, in the same run on the same database — messages
 * posted through the real service (`postMessage`) by child processes, alternately with the search
 * index module as it is and with its `indexNew` a no-op (bench/lib/search-index-off.mjs, loaded by
 * the bench's children only; the server and the services have no such switch); and messages
 * posted through the API by 20 writers.
 *
 *   npm run build && npx tsx bench/search.ts          (MESSAGES=200000 WRITE_SECONDS=4 ROUNDS=3 WRITERS=10)
 *   DIALECT=postgres npx tsx bench/search.ts          (embedded PostgreSQL, or BENCH_DATABASE_URL)
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hash } from '@node-rs/argon2';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { postgresCopyOf } from './lib/postgres';
import { messageText, seeded } from './lib/search-text';
import { machine, percentile, round } from './lib/stats';

const MESSAGES = Number(process.env.MESSAGES ?? 200_000);
const WRITE_SECONDS = Number(process.env.WRITE_SECONDS ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WRITERS = Number(process.env.WRITERS ?? 10);
const DIALECT = process.env.DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const ROOT = path.resolve(import.meta.dirname, '..');

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function get(url: string, agent: http.Agent, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      })
      .on('error', reject);
  });
}

async function latency(base: string, q: string, headers: Record<string, string>, runs = 200) {
  const agent = new http.Agent({ keepAlive: true });
  const url = `${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`;
  let hits = 0;
  for (let i = 0; i < 20; i++) await get(url, agent, headers);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await get(url, agent, headers);
    samples.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${q}: ${response.status} ${response.body}`);
    hits = (JSON.parse(response.body) as { items: unknown[] }).items.length;
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  return {
    q,
    pageItems: hits,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
  };
}

/**
 * One child process posting through the real service for WRITE_SECONDS (bench/lib/post-messages.ts),
 * with the search index entry written or not; its writes per second.
 */
async function serviceWrites(index: boolean, env: Record<string, string>, seed: number): Promise<number> {
  const args = ['--import', 'tsx', ...(index ? [] : ['--import', './bench/lib/search-index-off.mjs']), 'bench/lib/post-messages.ts'];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, SECONDS: String(WRITE_SECONDS), WRITERS: String(WRITERS), SEED: String(seed) },
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as { writes: number; seconds: number; indexed: number };
  // The switch took: every write indexed with it, none without it.
  if (result.indexed !== (index ? result.writes : 0)) throw new Error(`index ${index ? 'on' : 'off'}: ${JSON.stringify(result)}`);
  return result.writes / result.seconds;
}

async function main() {
  // KEEP=1 keeps the generated database in its folder (printed), for profiling.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-search-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  console.log(`Machine: ${machine()}; generating 200 rooms, 2,000 initiatives and ${MESSAGES.toLocaleString('en')} messages…`);
  const started = performance.now();
  const { dataset, counts, indexSeconds, openRooms } = await withMigratedDatabase(file, async (db) => {
    const generated = generateDataset(db, { initiatives: 2_000, events: 1_000, passwordHash: await hash(password) });
    const rooms = (db.prepare('SELECT id FROM threads ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const random = seeded(7);
    const insert = db.prepare('INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?)');
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let n = 0; n < MESSAGES; n++) insert.run(rooms[n % rooms.length], generated.delegates[n % 5].id, messageText(random, n), at);
    })();
    // The index through the same function the services use (here: all rows, in one transaction).
    const { rebuildSearchIndex } = await import('../lib/services/search/index-writes');
    const indexStart = performance.now();
    await rebuildSearchIndex();
    const indexSeconds = round((performance.now() - indexStart) / 1000, 1);
    const count = (term: string) =>
      (db.prepare('SELECT COUNT(*) AS n FROM search_index WHERE search_index MATCH ?').get(`"${term}"`) as { n: number }).n;
    const counts = {
      messages: (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n,
      water: count('water'),
      вод: count('вод'),
      river: count('river'),
      lex2s: count('lex2s'),
      sandstorm: count('sandstorm'),
      lex0: count('lex0'),
    };
    const openRooms = (db.prepare("SELECT id FROM threads WHERE visibility = 'open' ORDER BY id").all() as { id: number }[]).map(
      (r) => r.id,
    );
    return { dataset: generated, counts, indexSeconds, openRooms };
  });
  console.log(`Generated and indexed in ${round((performance.now() - started) / 1000, 1)} s (index ${indexSeconds} s).`);

  const postgres = DIALECT === 'postgres' ? await postgresCopyOf(file) : null;
  const databaseEnv: Record<string, string> = postgres ? { DATABASE_URL: postgres.url } : { DATABASE_PATH: file };
  const env = { RATE_LIMIT_MESSAGES: '100000000', ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
  const server = await startServer(postgres ? { env, demo: false } : { env, dbPath: file, demo: false });
  try {
    const client = new Client(server.url);
    await client.signIn(dataset.delegates[0].email, password);
    const headers = { cookie: client.cookieHeader() };
    // The searches first, over the generated messages only (the writes below add to them).
    const searches = [];
    for (const q of ['water', 'водой', 'rivers', 'lex2s', 'sandstorm', 'water quota', 'соглашение границы', 'lex0']) {
      searches.push(await latency(server.url, q, headers));
    }

    // The write cost, index entry on and off, alternating (a first "on" run warms the database up).
    const childEnv = {
      ...databaseEnv,
      RATE_LIMIT_MESSAGES: '100000000',
      AUTHORS: dataset.delegates.map((d) => d.id).join(','),
      ROOMS: openRooms.join(','),
    };
    await serviceWrites(true, childEnv, 1);
    const without: number[] = [];
    const withIndex: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      without.push(await serviceWrites(false, childEnv, 10 + r));
      withIndex.push(await serviceWrites(true, childEnv, 20 + r));
    }
    const indexEntryMs = 1000 / mean(withIndex) - 1000 / mean(without);
    const writeCost = {
      path: `postMessage (the service), ${WRITERS} concurrent writers in a child process, ${WRITE_SECONDS} s a run`,
      writesPerSecondWithoutIndex: without.map((x) => Math.round(x)),
      writesPerSecondWithIndex: withIndex.map((x) => Math.round(x)),
      msPerWriteWithout: round(1000 / mean(without), 3),
      msPerWriteWith: round(1000 / mean(withIndex), 3),
      indexEntryMs: round(indexEntryMs, 3),
      costRatio: round(mean(without) / mean(withIndex), 3),
    };

    // Messages posted through the API by 20 writers (each write with its index entry): the
    // server's time per write, to which the index entry's cost measured above is compared.
    const writers = await Promise.all(
      dataset.delegates.map(async (d) => {
        const writer = new Client(server.url);
        await writer.signIn(d.email, password);
        return writer;
      }),
    );
    let posted = 0;
    let failed = 0;
    const until = Date.now() + WRITE_SECONDS * 3 * 1000;
    const writeRandom = seeded(13);
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        while (Date.now() < until) {
          const r = await writers[w % writers.length].post(`/api/v1/threads/${openRooms[(w * 7 + posted) % openRooms.length]}/messages`, {
            body: messageText(writeRandom, 1),
          });
          if (r.status === 201) posted++;
          else failed++;
        }
      }),
    );
    const apiWritesPerSecond = posted / (WRITE_SECONDS * 3);
    const apiMs = 1000 / apiWritesPerSecond;
    const apiWrites = {
      writers: 20,
      writesPerSecond: Math.round(apiWritesPerSecond),
      failed,
      serverMsPerWrite: round(apiMs, 3),
      // The same write through the API without its index entry would cost apiMs − indexEntryMs.
      costRatio: round(apiMs / (apiMs - indexEntryMs), 3),
    };
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      dialect: DIALECT,
      dataset: { rooms: 200, initiatives: 2_000, generatedMessages: MESSAGES, matchingEntries: counts },
      searches,
      writeCost,
      apiWrites,
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/search-${DIALECT}-${Date.now()}.json`, JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    await postgres?.server.stop();
    if (process.env.KEEP === '1') console.log(`Kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
