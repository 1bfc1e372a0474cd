import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { LiveClient } from '../../components/live/live-client';
import type { PublicEvent } from '../../lib/events/types';
import { DEMO, signedIn, type Client } from '../helpers/client';
import { startServer, type TestServer, jsonField, inJsonList } from '../helpers/server';
import { seededRandom, seedFrom } from '../helpers/random';
import { elapse, until } from '../helpers/wait';
import { OPERATION_KINDS, retry, startWriteLoad, type Operation } from '../helpers/write-load';

/**
 * kill -9 while 50 clients write (API messages, API stance changes, socket messages, each write
 * with its own operation id), twenty times over, on the same database file. Each kill comes once
 * every kind of write has been acknowledged at least MIN_ACKED_PER_KIND times, after a delay drawn
 * from a seeded random source (CRASH_SEED replays a failing schedule). After each restart: every
 * acknowledged write is there exactly once (and so is every retried one), message rows and their
 * events match one to one, each stance's events chain from its value before the load to its row
 * now, the integrity check passes, and live clients that were connected converge to the log.
 */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 20);
const MIN_ACKED_PER_KIND = 20;
const SEED = seedFrom('CRASH_SEED');

let server: TestServer;
let authors: Client[];
let delegates: { client: Client; state: string }[];
let initiatives: number[];

async function signInEveryone() {
  authors = await Promise.all(
    [DEMO.expert, DEMO.civil, DEMO.partner, DEMO.facilitator, DEMO.kz].map((email) => signedIn(server.url, email)),
  );
  delegates = await Promise.all(
    (['kz', 'kg', 'tj', 'tm', 'uz'] as const).map(async (key) => ({
      client: await signedIn(server.url, DEMO[key]),
      state: key.toUpperCase(),
    })),
  );
}

/** An open room of the demo whose initiatives all five states take part in. */
let roomId: number;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  await signInEveryone();
  // An open room of the demo with initiatives in which all five states take part.
  const [found] = await server.query<{ thread: number }>(
    `SELECT i.thread_id AS thread FROM initiatives i JOIN threads t ON t.id = i.thread_id
     WHERE t.visibility = 'open' AND (SELECT COUNT(*) FROM stances s WHERE s.initiative_id = i.id) = 5 ORDER BY i.id LIMIT 1`,
  );
  roomId = found.thread;
  initiatives = (
    await server.query<{ id: number }>(
      `SELECT i.id FROM initiatives i WHERE i.thread_id = ? AND (SELECT COUNT(*) FROM stances s WHERE s.initiative_id = i.id) = 5`,
      roomId,
    )
  ).map((r) => r.id);
});
afterAll(async () => {
  await server?.stop();
});

/** How many times each write of one iteration is in the database, by its unique text (two queries, not one per write). */
async function presence(tag: string): Promise<(op: Operation) => number> {
  const pattern = `load ${tag}-%`;
  const note = jsonField(server, 'payload', 'note');
  const counts = new Map<string, number>();
  const rows = await server.query<{ text: string; n: number }>(
    `SELECT ${note} AS text, COUNT(*) AS n FROM events
       WHERE type = 'stance.changed' AND ${note} LIKE ? GROUP BY ${note}
     UNION ALL
     SELECT body AS text, COUNT(*) AS n FROM messages WHERE body LIKE ? GROUP BY body`,
    pattern,
    pattern,
  );
  for (const row of rows) counts.set(row.text, (counts.get(row.text) ?? 0) + row.n);
  return (op) => counts.get(op.text) ?? 0;
}

const trace = (message: string) => {
  if (process.env.CRASH_DEBUG) process.stderr.write(`${new Date().toISOString()} ${message}\n`);
};

interface StanceRow {
  initiative: number;
  state: string;
  position: string;
  note: string | null;
}

/** The stances of the load's initiatives, by "initiative:state". */
async function stancesNow(): Promise<Map<string, StanceRow>> {
  const rows = await server.query<StanceRow>(
    `SELECT initiative_id AS initiative, state_code AS state, position, note FROM stances WHERE ${inJsonList(server, 'initiative_id')}`,
    JSON.stringify(initiatives),
  );
  return new Map(rows.map((r) => [`${r.initiative}:${r.state}`, r]));
}

/**
 * Stance rows and their events one to one: for each stance, the `stance.changed` events after
 * `since` chain from its value before (each event's `from` is the previous `to`) to its row now,
 * and every such event is one of the load's writes.
 */
async function stanceChainBreaks(before: Map<string, StanceRow>, since: number, tag: string): Promise<string[]> {
  const field = (key: string) => jsonField(server, 'payload', key);
  const events = await server.query<{ id: number; initiative: number; state: string; from: string; to: string; note: string | null }>(
    `SELECT id, initiative_id AS initiative, ${field('state')} AS state, ${field('from')} AS "from", ${field('to')} AS "to", ${field('note')} AS note
     FROM events WHERE type = 'stance.changed' AND id > ? AND ${inJsonList(server, 'initiative_id')} ORDER BY id`,
    since,
    JSON.stringify(initiatives),
  );
  const breaks: string[] = [];
  const current = new Map([...before].map(([key, row]) => [key, { position: row.position, note: row.note }]));
  for (const e of events) {
    const key = `${e.initiative}:${e.state}`;
    if (current.get(key)?.position !== e.from)
      breaks.push(`event ${e.id} ${key} from ${e.from}, but the stance was ${current.get(key)?.position}`);
    if (!e.note?.startsWith(`load ${tag}-`)) breaks.push(`event ${e.id} ${key} is no write of this load (${e.note})`);
    current.set(key, { position: e.to, note: e.note });
  }
  for (const [key, row] of await stancesNow()) {
    const last = current.get(key);
    if (last?.position !== row.position || last?.note !== row.note)
      breaks.push(`${key} is ${row.position} "${row.note}", its events end at ${last?.position} "${last?.note}"`);
  }
  return breaks;
}

describe(`durability: kill -9 under write load, ${ITERATIONS} times`, () => {
  it('loses no acknowledged write, applies none twice, and keeps rows and events one to one', { timeout: 300_000 }, async () => {
    const random = seededRandom(SEED);
    onTestFailed(() => console.log(`crash test failed: replay its kill schedule with CRASH_SEED=${SEED}`));
    console.log(`crash test: seed ${SEED} (CRASH_SEED=${SEED} replays this kill schedule)`);
    expect(initiatives.length).toBeGreaterThan(0);
    const totals = Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, 0])) as Record<Operation['kind'], number>;
    let lostBeforeAck = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      // Two live pages follow along through the crash.
      const since = (await server.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM events'))[0].id;
      const watchers = [authors[0], delegates[1].client].map((client) => {
        const live = new LiveClient({ url: server.url, extraHeaders: { cookie: client.cookieHeader() }, reconnectionDelay: 100 });
        const received: PublicEvent[] = [];
        live.join(`thread:${roomId}`, since, (e) => received.push(e));
        return { live, received };
      });
      await until(() => watchers.every((w) => w.live.connected), 'the live pages to connect', 20_000);
      trace('watchers connected');
      const started = Date.now();

      const stancesBefore = await stancesNow();
      const killDelay = random.integer(0, 800);
      const tag = `crash${iteration}`;
      let stopped!: () => void;
      const load = startWriteLoad({
        url: server.url,
        tag,
        writers: 50,
        authors,
        delegates,
        initiatives,
        threadId: roomId,
        stop: new Promise<void>((resolve) => (stopped = resolve)),
      });
      // The kill comes once every kind of write has been acknowledged enough times: a run where one
      // kind never got through proves nothing about it, and fails here.
      try {
        await until(
          () => OPERATION_KINDS.every((kind) => load.acknowledgedByKind()[kind] >= MIN_ACKED_PER_KIND),
          () => `${MIN_ACKED_PER_KIND} acknowledged writes of each kind (have ${JSON.stringify(load.acknowledgedByKind())})`,
          30_000,
        );
        await elapse(killDelay);
      } finally {
        await server.kill();
        stopped();
      }
      await load.done;
      trace('load done');
      const { attempted, acknowledged } = load;
      await server.restart();
      trace('restarted');

      // Every acknowledged write survived the crash, exactly once.
      let present = await presence(tag);
      for (const op of acknowledged) expect(present(op), `${op.kind} ${op.opId}`).toBe(1);
      const byKind = load.acknowledgedByKind();
      for (const kind of OPERATION_KINDS) {
        expect(byKind[kind], `${kind} writes acknowledged before the kill`).toBeGreaterThanOrEqual(MIN_ACKED_PER_KIND);
        totals[kind] += byKind[kind];
      }
      lostBeforeAck += attempted.filter((op) => !acknowledged.includes(op) && present(op) === 1).length;

      // Retrying every write with its operation id applies each exactly once.
      const retried: number[] = [];
      for (let i = 0; i < attempted.length; i += 10) {
        retried.push(...(await Promise.all(attempted.slice(i, i + 10).map((op) => retry(op, roomId)))));
      }
      trace('retried');
      expect(retried.filter((status) => status !== 200 && status !== 201)).toEqual([]);
      present = await presence(tag);
      for (const op of attempted) expect(present(op), `retried ${op.opId}`).toBe(1);

      // Rows and events, one to one.
      // (Set differences, not correlated subqueries: the log grows by thousands of rows per kill.)
      const orphanMessages = await server.query(
        `SELECT id FROM messages EXCEPT SELECT CAST(${jsonField(server, 'payload', 'message', 'id')} AS INTEGER) FROM events WHERE type = 'message.created'`,
      );
      const orphanEvents = await server.query(
        `SELECT CAST(${jsonField(server, 'payload', 'message', 'id')} AS INTEGER) AS id FROM events WHERE type = 'message.created' EXCEPT SELECT id FROM messages`,
      );
      expect(orphanMessages).toEqual([]);
      expect(orphanEvents).toEqual([]);
      expect(await stanceChainBreaks(stancesBefore, since, tag)).toEqual([]);
      if (server.dialect === 'sqlite') expect(await server.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

      trace('checked');
      // Live pages reconnected and hold exactly the room's events since they opened.
      const expected = (
        await server.query<{ id: number }>('SELECT id FROM events WHERE thread_id = ? AND id > ? ORDER BY id', roomId, since)
      ).map((r) => r.id);
      for (const watcher of watchers) {
        await until(() => watcher.received.length >= expected.length, 'a live page to catch up', 20_000).catch(() => undefined);
        expect(watcher.received.map((e) => e.id)).toEqual(expected);
        watcher.live.close();
      }
      trace('watchers');
      await signInEveryone();
      console.log(
        `crash ${iteration + 1}/${ITERATIONS}: killed ${killDelay} ms after ${MIN_ACKED_PER_KIND} of each kind, ${acknowledged.length}/${attempted.length} acknowledged ${JSON.stringify(byKind)}, checked in ${Date.now() - started} ms`,
      );
    }
    console.log(
      `crash test (seed ${SEED}): ${ITERATIONS} kills, acknowledged writes all present once: ${JSON.stringify(totals)}; ${lostBeforeAck} writes committed but killed before their acknowledgement (applied once after retry)`,
    );
  });
});
