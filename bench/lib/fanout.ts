import type BetterSqlite3 from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { Client } from '../../tests/helpers/client';
import { generateDataset, type Dataset } from './dataset';
import type { HttpResult } from './http-load';
import { summarize } from './stats';

/** Live delivery measured from outside: sockets opened by one harness, writes paced at a rate, latency from write to event. */
export const PER_PARTICIPANT = 20;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Metrics {
  rss: number;
  heapUsed: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export async function metrics(baseUrl: string, query = ''): Promise<Metrics> {
  return (await fetch(`${baseUrl}/__metrics${query}`)).json() as Promise<Metrics>;
}

export async function openSockets(
  baseUrl: string,
  cookies: string[],
  count: number,
  subscribe: boolean,
  onEvent: (socket: number, event: { initiativeId?: number; type?: string; marker?: number }) => void,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => {
      const index = i + j;
      const socket = io(baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: cookies.length ? { cookie: cookies[Math.floor(index / PER_PARTICIPANT)] } : {},
      });
      socket.on('event', (event) => onEvent(index, event));
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', async () => {
          if (subscribe) await socket.emitWithAck('subscribe', { channel: 'dashboard' });
          resolve(socket);
        });
        socket.once('connect_error', reject);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Writes at `rate` per second for `seconds`; returns per-delivery latencies and the writer's latencies. */
export async function drive(
  pace: { rate: number; seconds: number },
  count: number,
  write: (i: number) => Promise<void>,
  sentAt: Map<number, number>,
  deliveries: number[],
) {
  const { rate: RATE, seconds: SECONDS } = pace;
  const writerLatency: number[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      (async () => {
        const t0 = performance.now();
        sentAt.set(i, t0);
        await write(i);
        writerLatency.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(inFlight);
  const expected = total * count;
  const end = performance.now() + 10_000;
  while (deliveries.length < expected && performance.now() < end) await sleep(50);
  return { writer: summarize(writerLatency), delivered: deliveries.length, expected };
}

/**
 * A dataset for fan-out: `initiatives` generated, `viewers` observers (20 sockets each share one
 * session), and every open initiative set so that one write makes one event, like the baseline's
 * one broadcast: Uzbekistan's reservation keeps the status at "reservations" while Kazakhstan
 * moves between pending and endorse.
 */
export function fanoutDataset(
  db: BetterSqlite3.Database,
  options: { initiatives: number; viewers: number; passwordHash: string },
): Dataset {
  const generated = generateDataset(db, {
    initiatives: options.initiatives,
    events: 10_000,
    passwordHash: options.passwordHash,
    rooms: 20,
  });
  const insert = db.prepare(
    `INSERT INTO participants (email, name, password_hash, affiliation, role, created_at) VALUES (?, ?, ?, 'observer', 'participant', ?)`,
  );
  for (let v = 0; v < options.viewers; v++)
    insert.run(`viewer${v}@bench.example`, `Viewer ${v}`, options.passwordHash, new Date().toISOString());
  const ids = JSON.stringify(generated.openInitiativeIds);
  db.prepare(
    `UPDATE stances SET position = CASE state_code WHEN 'UZ' THEN 'reservation' ELSE 'pending' END WHERE initiative_id IN (SELECT value FROM json_each(?))`,
  ).run(ids);
  db.prepare(`DELETE FROM initiative_partners WHERE initiative_id IN (SELECT value FROM json_each(?))`).run(ids);
  db.prepare(
    `UPDATE initiatives SET status = 'reservations', format = 'CA-5', label = 'CA-5', minus = '' WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(ids);
  return generated;
}

/** One session cookie per viewer of `fanoutDataset`. */
export async function viewerCookies(baseUrl: string, viewers: number, password: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let v = 0; v < viewers; v++) {
    const client = new Client(baseUrl);
    await client.signIn(`viewer${v}@bench.example`, password);
    cookies.push(client.cookieHeader());
  }
  return cookies;
}

/** Kazakhstan endorses one initiative (set up by `fanoutDataset` so that this makes exactly one event). */
export async function endorseAsKazakhstan(
  request: (method: string, path: string, headers: Record<string, string>, body?: string) => Promise<HttpResult>,
  cookie: string,
  initiativeId: number,
): Promise<void> {
  const response = await request(
    'PUT',
    `/api/v1/initiatives/${initiativeId}/stances/KZ`,
    { cookie },
    JSON.stringify({ position: 'endorse' }),
  );
  if (response.status !== 200) throw new Error(`write → ${response.status} ${response.body}`);
}
