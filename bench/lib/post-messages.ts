/**
 * A bench's child process: posts messages through the real service (`postMessage`: the room
 * check, validation, rate limit, the transaction with its counters, event and — unless started
 * with search-index-off.mjs — search index entry) from WRITERS concurrent loops for SECONDS
 * (after a one-second warm-up), on DATABASE_PATH or DATABASE_URL; prints one JSON line: writes,
 * seconds, and how many index entries appeared meanwhile (the parent checks the switch took).
 *
 * env: AUTHORS and ROOMS (comma-separated ids), SECONDS, WRITERS, SEED.
 */
import { sql } from 'drizzle-orm';
import { messageText, seeded } from './search-text';

const authors = process.env.AUTHORS!.split(',').map(Number);
const rooms = process.env.ROOMS!.split(',').map(Number);
const seconds = Number(process.env.SECONDS ?? 3);
const writers = Number(process.env.WRITERS ?? 10);
const random = seeded(Number(process.env.SEED ?? 1));

const { closeDatabase, db } = await import('../../db/client');
const { loadViewer } = await import('../../lib/access/viewer');
const { postMessage } = await import('../../lib/services/threads/messages');

const viewers = await Promise.all(authors.map((id) => loadViewer(id)));
const entries = async () => (await db().get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM search_index`))!.n;

async function run(ms: number): Promise<number> {
  let writes = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < until) {
        await postMessage(viewers[w % viewers.length]!, rooms[Math.floor(random() * rooms.length)], { body: messageText(random, 1) });
        writes++;
      }
    }),
  );
  return writes;
}

await run(1000);
const before = await entries();
const started = performance.now();
const writes = await run(seconds * 1000);
const elapsed = (performance.now() - started) / 1000;
const indexed = (await entries()) - before;
await closeDatabase();
console.log(JSON.stringify({ writes, seconds: elapsed, indexed }));
