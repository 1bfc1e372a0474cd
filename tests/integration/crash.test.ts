import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../components/live/live-client';
import type { PublicEvent } from '../../lib/events/types';
import { DEMO, signedIn, type Client } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { elapse as sleep } from '../helpers/wait';
import { retry, startWriteLoad, type Operation } from '../helpers/write-load';

/**
 * kill -9 while 50 clients write (API and socket, each write with its own operation id), twenty
 * times over, on the same database file. After each restart: every acknowledged write is there
 * exactly once (and so is every retried one), rows and events match one to one, the integrity
 * check passes, and live clients that were connected converge to the log.
 */
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 20);
const THREAD = 1;

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

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
  await signInEveryone();
  // Initiatives of the water room in which all five states take part.
  initiatives = server
    .query<{ id: number }>(
      `SELECT i.id FROM initiatives i WHERE i.thread_id = ? AND (SELECT COUNT(*) FROM stances s WHERE s.initiative_id = i.id) = 5`,
      THREAD,
    )
    .map((r) => r.id);
});
afterAll(async () => {
  await server?.stop();
});

/** How many times each write of one iteration is in the database, by its unique text (two queries, not one per write). */
function presence(tag: string): (op: Operation) => number {
  const pattern = `load ${tag}-%`;
  const counts = new Map<string, number>();
  const rows = server.query<{ text: string; n: number }>(
    `SELECT json_extract(payload, '$.note') AS text, COUNT(*) AS n FROM events
       WHERE type = 'stance.changed' AND json_extract(payload, '$.note') LIKE ? GROUP BY text
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

/** Waits for a condition, failing with a message rather than hanging the suite. */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

describe(`durability: kill -9 under write load, ${ITERATIONS} times`, () => {
  it('loses no acknowledged write, applies none twice, and keeps rows and events one to one', { timeout: 300_000 }, async () => {
    expect(initiatives.length).toBeGreaterThan(0);
    let totalAcked = 0;
    let lostBeforeAck = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      // Two live pages follow along through the crash.
      const since = server.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM events')[0].id;
      const watchers = [authors[0], delegates[1].client].map((client) => {
        const live = new LiveClient({ url: server.url, extraHeaders: { cookie: client.cookieHeader() }, reconnectionDelay: 100 });
        const received: PublicEvent[] = [];
        live.join(`thread:${THREAD}`, since, (e) => received.push(e));
        return { live, received };
      });
      await until(() => watchers.every((w) => w.live.connected), 'the live pages to connect');
      trace('watchers connected');
      const started = Date.now();

      const killAfter = 200 + Math.floor(Math.random() * 1000);
      const tag = `crash${iteration}`;
      const load = startWriteLoad({
        url: server.url,
        tag,
        writers: 50,
        authors,
        delegates,
        initiatives,
        threadId: THREAD,
        stop: sleep(killAfter).then(() => server.kill()),
      });
      await load.done;
      trace('load done');
      const { attempted, acknowledged } = load;
      await server.restart();
      trace('restarted');

      // Every acknowledged write survived the crash, exactly once.
      let present = presence(tag);
      for (const op of acknowledged) expect(present(op), `${op.kind} ${op.opId}`).toBe(1);
      totalAcked += acknowledged.length;
      lostBeforeAck += attempted.filter((op) => !acknowledged.includes(op) && present(op) === 1).length;

      // Retrying every write with its operation id applies each exactly once.
      const retried: number[] = [];
      for (let i = 0; i < attempted.length; i += 10) {
        retried.push(...(await Promise.all(attempted.slice(i, i + 10).map((op) => retry(op, THREAD)))));
      }
      trace('retried');
      expect(retried.filter((status) => status !== 200 && status !== 201)).toEqual([]);
      present = presence(tag);
      for (const op of attempted) expect(present(op), `retried ${op.opId}`).toBe(1);

      // Rows and events, one to one.
      // (Set differences, not correlated subqueries: the log grows by thousands of rows per kill.)
      const orphanMessages = server.query(
        `SELECT id FROM messages EXCEPT SELECT json_extract(payload, '$.message.id') FROM events WHERE type = 'message.created'`,
      );
      const orphanEvents = server.query(
        `SELECT json_extract(payload, '$.message.id') AS id FROM events WHERE type = 'message.created' EXCEPT SELECT id FROM messages`,
      );
      expect(orphanMessages).toEqual([]);
      expect(orphanEvents).toEqual([]);
      const staleStances = server.query(
        `SELECT s.initiative_id, s.state_code FROM stances s WHERE s.set_at IS NOT NULL AND s.note IS NOT
           (SELECT json_extract(e.payload, '$.note') FROM events e WHERE e.type = 'stance.changed' AND e.initiative_id = s.initiative_id
              AND json_extract(e.payload, '$.state') = s.state_code ORDER BY e.id DESC LIMIT 1)`,
      );
      expect(staleStances).toEqual([]);
      expect(server.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

      trace('checked');
      // Live pages reconnected and hold exactly the room's events since they opened.
      const expected = server
        .query<{ id: number }>('SELECT id FROM events WHERE thread_id = ? AND id > ? ORDER BY id', THREAD, since)
        .map((r) => r.id);
      for (const watcher of watchers) {
        await until(() => watcher.received.length >= expected.length, 'a live page to catch up').catch(() => undefined);
        expect(watcher.received.map((e) => e.id)).toEqual(expected);
        watcher.live.close();
      }
      trace('watchers');
      await signInEveryone();
      console.log(
        `crash ${iteration + 1}/${ITERATIONS}: killed after ${killAfter} ms, ${acknowledged.length}/${attempted.length} acknowledged, checked in ${Date.now() - started} ms`,
      );
    }
    expect(totalAcked).toBeGreaterThan(ITERATIONS * 20);
    console.log(
      `crash test: ${ITERATIONS} kills, ${totalAcked} acknowledged writes all present once; ${lostBeforeAck} writes committed but killed before their acknowledgement (applied once after retry)`,
    );
  });
});
