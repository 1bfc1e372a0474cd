/**
 * Full-text search over 200,000 messages (plus 200 rooms and 2,000 initiatives): the latency of
 * `GET /api/v1/search` for common, rare, two-word and Russian queries through the HTTP API, and
 * what indexing adds to a write — the message-post transaction (message, room counters, event)
 * through the data layer with and without its index entry, alternating, in the same run.
 *
 *   npm run build && npx tsx bench/search.ts          (MESSAGES=200000 WRITE_SECONDS=3 ROUNDS=3)
 *   DIALECT=postgres npx tsx bench/search.ts          (embedded PostgreSQL, or BENCH_DATABASE_URL)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { sql } from 'drizzle-orm';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { postgresCopyOf } from './lib/postgres';
import { machine, percentile, round } from './lib/stats';

const MESSAGES = Number(process.env.MESSAGES ?? 200_000);
const WRITE_SECONDS = Number(process.env.WRITE_SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DIALECT = process.env.DIALECT === 'postgres' ? 'postgres' : 'sqlite';

// A vocabulary with a long tail, as conversation has: real words in both languages, often in
// other forms than the query's, and 20,000 rarer made-up words.
const ENGLISH = [
  'water',
  'waters',
  'river',
  'rivers',
  'quota',
  'quotas',
  'border',
  'borders',
  'visa',
  'visas',
  'trade',
  'energy',
  'grid',
  'season',
  'seasonal',
  'reservoir',
  'reservoirs',
  'delegation',
  'summit',
  'agreement',
  'agreed',
  'agreeing',
  'the',
  'of',
  'and',
  'to',
  'we',
];
const RUSSIAN = [
  'вода',
  'воды',
  'водой',
  'воду',
  'река',
  'реки',
  'рекой',
  'квота',
  'квоты',
  'граница',
  'границы',
  'виза',
  'визы',
  'торговля',
  'энергия',
  'сезон',
  'водохранилище',
  'соглашение',
  'согласовали',
  'и',
  'в',
  'по',
  'на',
  'мы',
];
const TAIL = Array.from({ length: 20_000 }, (_, i) => `lex${i.toString(36)}`);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

function messageText(random: () => number, n: number): string {
  const words: string[] = [];
  const length = 10 + Math.floor(random() * 25);
  for (let w = 0; w < length; w++) {
    const r = random();
    if (r < 0.04) words.push(ENGLISH[Math.floor(random() * ENGLISH.length)]);
    else if (r < 0.08) words.push(RUSSIAN[Math.floor(random() * RUSSIAN.length)]);
    // Zipf-like: a few tail words are frequent, most are rare.
    else words.push(TAIL[Math.floor(TAIL.length * random() ** 3)]);
  }
  // A rare word: in one message of 10,000.
  if (n % 10_000 === 7) words.push('sandstorm');
  return words.join(' ');
}

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

async function main() {
  // KEEP=1 keeps the generated database in its folder (printed), for profiling.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-search-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  console.log(`Machine: ${machine()}; generating 200 rooms, 2,000 initiatives and ${MESSAGES.toLocaleString('en')} messages…`);
  const started = performance.now();
  const { dataset, counts, writeCost, indexSeconds } = await withMigratedDatabase(file, async (db) => {
    const generated = generateDataset(db, { initiatives: 2_000, events: 1_000, passwordHash: await hash(password) });
    const rooms = (db.prepare('SELECT id FROM threads ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const random = seeded(7);
    const insert = db.prepare('INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?)');
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let n = 0; n < MESSAGES; n++) insert.run(rooms[n % rooms.length], generated.delegates[n % 5].id, messageText(random, n), at);
    })();
    // The index through the same function the services use (here: all rows, in one transaction).
    const { rebuildSearchIndex, indexNew } = await import('../lib/services/search/index-writes');
    const { database } = await import('../db/client');
    const indexStart = performance.now();
    await rebuildSearchIndex();
    const indexSeconds = round((performance.now() - indexStart) / 1000, 1);
    const count = (term: string) =>
      (db.prepare('SELECT COUNT(*) AS n FROM search_index WHERE search_index MATCH ?').get(`"${term}"`) as { n: number }).n;

    // The message-post transaction, as lib/services/threads/messages.ts writes it, with and without its index entry.
    const writeRandom = seeded(11);
    const post = async (indexed: boolean) => {
      const threadId = rooms[Math.floor(writeRandom() * rooms.length)];
      const body = messageText(writeRandom, 1);
      await database().transaction(async (tx) => {
        const now = new Date().toISOString();
        const row = await tx.get<{ id: number }>(
          sql`INSERT INTO messages (thread_id, author_id, body, created_at) VALUES (${threadId}, ${generated.delegates[0].id}, ${body}, ${now}) RETURNING id`,
        );
        await tx.run(sql`UPDATE threads SET last_activity_at = ${now}, message_count = message_count + 1 WHERE id = ${threadId}`);
        await tx.run(
          sql`INSERT INTO events (type, thread_id, initiative_id, actor_id, actor, payload, created_at)
              VALUES ('message.created', ${threadId}, NULL, ${generated.delegates[0].id}, '{}', ${JSON.stringify({ body })}, ${now})`,
        );
        if (indexed) await indexNew(tx, { kind: 'message', id: row!.id, threadId, title: '', body });
      });
    };
    const rate = async (indexed: boolean) => {
      let n = 0;
      const until = performance.now() + WRITE_SECONDS * 1000;
      while (performance.now() < until) {
        await post(indexed);
        n++;
      }
      return n / WRITE_SECONDS;
    };
    await rate(true);
    const without: number[] = [];
    const withIndex: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      without.push(await rate(false));
      withIndex.push(await rate(true));
    }
    const writeCost = {
      writesPerSecondWithoutIndex: without.map((x) => Math.round(x)),
      writesPerSecondWithIndex: withIndex.map((x) => Math.round(x)),
      costRatio: round(mean(without) / mean(withIndex), 3),
    };
    // Counted after the write rounds, whose messages stay: the searches below run over all of them.
    const counts = {
      messages: (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n,
      water: count('water'),
      вод: count('вод'),
      river: count('river'),
      sandstorm: count('sandstorm'),
      lex0: count('lex0'),
    };
    return { dataset: generated, counts, writeCost, indexSeconds };
  });
  console.log(`Generated and indexed in ${round((performance.now() - started) / 1000, 1)} s (index ${indexSeconds} s).`);

  const postgres = DIALECT === 'postgres' ? await postgresCopyOf(file) : null;
  const env = { RATE_LIMIT_MESSAGES: '100000000', ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
  const server = await startServer(postgres ? { env, demo: false } : { env, dbPath: file, demo: false });
  try {
    const client = new Client(server.url);
    await client.signIn(dataset.delegates[0].email, password);
    const headers = { cookie: client.cookieHeader() };
    // Messages posted through the API by 20 writers (each write with its index entry): the
    // server's time per write, to which the index entry's cost measured above is compared.
    const writers = await Promise.all(
      dataset.delegates.map(async (d) => {
        const writer = new Client(server.url);
        await writer.signIn(d.email, password);
        return writer;
      }),
    );
    const rooms = (await client.get('/api/v1/threads?limit=100')).body.items.map((r: { id: number }) => r.id) as number[];
    let posted = 0;
    let failed = 0;
    const until = Date.now() + WRITE_SECONDS * 3 * 1000;
    const writeRandom = seeded(13);
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        while (Date.now() < until) {
          const r = await writers[w % writers.length].post(`/api/v1/threads/${rooms[(w * 7 + posted) % rooms.length]}/messages`, {
            body: messageText(writeRandom, 1),
          });
          if (r.status === 201) posted++;
          else failed++;
        }
      }),
    );
    const apiWritesPerSecond = posted / (WRITE_SECONDS * 3);
    const indexMs = 1000 / mean(writeCost.writesPerSecondWithIndex) - 1000 / mean(writeCost.writesPerSecondWithoutIndex);
    const apiMs = 1000 / apiWritesPerSecond;
    const apiWrites = {
      writers: 20,
      writesPerSecond: Math.round(apiWritesPerSecond),
      failed,
      serverMsPerWrite: round(apiMs, 3),
      // The same write without its index entry would cost apiMs − indexMs (SQLite: both measured here).
      ...(DIALECT === 'sqlite' ? { indexEntryMs: round(indexMs, 3), costRatio: round(apiMs / (apiMs - indexMs), 3) } : {}),
    };
    const searches = [];
    for (const q of ['water', 'водой', 'rivers', 'sandstorm', 'water quota', 'соглашение границы', 'lex0']) {
      searches.push(await latency(server.url, q, headers));
    }
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      dialect: DIALECT,
      dataset: { rooms: 200, initiatives: 2_000, generatedMessages: MESSAGES, matchingEntries: counts },
      searches,
      writeCost: { dialect: 'sqlite (in process, data layer)', ...writeCost },
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
