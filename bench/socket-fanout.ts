/**
 * Live delivery to N authenticated dashboard sockets (N = 500, 1,000, 2,000) while stance changes
 * are written through the API at a steady rate; beside it, a bare socket.io server broadcasting the
 * same payload to the same N with the same client harness.
 *
 *   npm run build && npx tsx bench/socket-fanout.ts      (SIZES=500,1000,2000 RATE=20 SECONDS=15)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { io, type Socket } from 'socket.io-client';
import { CA_STATES } from '../lib/consensus/codes';
import { Client } from '../tests/helpers/client';
import { startServer, type TestServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { httpClient } from './lib/http-load';
import { machine, round, summarize } from './lib/stats';

const SIZES = (process.env.SIZES ?? '500,1000,2000').split(',').map(Number);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 15);
const PER_PARTICIPANT = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Metrics {
  rss: number;
  heapUsed: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

async function metrics(baseUrl: string, query = ''): Promise<Metrics> {
  return (await fetch(`${baseUrl}/__metrics${query}`)).json() as Promise<Metrics>;
}

async function openSockets(
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

/** Writes at RATE per second for SECONDS; returns per-delivery latencies and the writer's latencies. */
async function drive(count: number, write: (i: number) => Promise<void>, sentAt: Map<number, number>, deliveries: number[]) {
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

async function runOurs(server: TestServer, cookies: string[], writerCookie: string, initiativeIds: number[], n: number) {
  const sentAt = new Map<number, number>();
  const deliveries: number[] = [];
  const byInitiative = new Map<number, number>();
  const base = await metrics(server.url, '?gc=1');
  let received = 0;
  const sockets = await openSockets(server.url, cookies, n, true, (_socket, event) => {
    received++;
    if (event.type !== 'stance.changed' || event.initiativeId === undefined) return;
    const i = byInitiative.get(event.initiativeId);
    if (i !== undefined) deliveries.push(performance.now() - sentAt.get(i)!);
  });
  await sleep(1000);
  const loaded = await metrics(server.url, '?gc=1&reset=1');
  const request = httpClient(server.url, 16);
  const result = await drive(
    n,
    async (i) => {
      const id = initiativeIds[i];
      byInitiative.set(id, i);
      const response = await request(
        'PUT',
        `/api/v1/initiatives/${id}/stances/KZ`,
        { cookie: writerCookie },
        JSON.stringify({ position: 'endorse' }),
      );
      if (response.status !== 200) throw new Error(`write → ${response.status} ${response.body}`);
    },
    sentAt,
    deliveries,
  );
  const after = await metrics(server.url);
  sockets.forEach((s) => s.disconnect());
  await sleep(1500);
  return {
    ...result,
    messagesPerWrite: round(received / result.expected, 2),
    delivery: summarize(deliveries),
    eventLoopDelayMs: after.eventLoopDelayMs,
    memory: { base, loaded },
  };
}

async function runBare(n: number) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/lib/bare-socketio-server.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => {
      const match = /listening on (\d+)/.exec(d.toString());
      if (match) resolve(Number(match[1]));
    }),
  );
  const url = `http://localhost:${port}`;
  try {
    const sentAt = new Map<number, number>();
    const deliveries: number[] = [];
    const base = await metrics(url, '?gc=1');
    const sockets = await openSockets(url, [], n, false, (_socket, event) => {
      if (event.marker !== undefined) deliveries.push(performance.now() - sentAt.get(event.marker)!);
    });
    await sleep(1000);
    const loaded = await metrics(url, '?gc=1&reset=1');
    const request = httpClient(url, 16);
    // The same payload shape and size as one of our stance.changed events.
    const payload = (i: number) => ({
      id: 100000 + i,
      type: 'stance.changed',
      threadId: 1,
      initiativeId: 1,
      marker: i,
      actor: { id: 2, name: 'Delegate KZ', affiliation: 'government', state: 'KZ' },
      payload: { state: 'KZ', from: 'endorse', to: 'reservation', note: null },
      createdAt: new Date().toISOString(),
    });
    const result = await drive(n, async (i) => void (await request('POST', '/emit', {}, JSON.stringify(payload(i)))), sentAt, deliveries);
    const after = await metrics(url);
    sockets.forEach((s) => s.disconnect());
    return { ...result, delivery: summarize(deliveries), eventLoopDelayMs: after.eventLoopDelayMs, memory: { base, loaded } };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  const maxN = Math.max(...SIZES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-fanout-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const viewers = Math.ceil(maxN / PER_PARTICIPANT);
  const dataset = await withMigratedDatabase(file, (db) => {
    const generated = generateDataset(db, {
      initiatives: 2 * RATE * SECONDS * SIZES.length + 100,
      events: 10_000,
      passwordHash,
      rooms: 20,
    });
    // Only initiatives in open rooms are written to (every viewer sees them): about half of all.
    if (generated.openInitiativeIds.length < RATE * SECONDS * SIZES.length) throw new Error('Too few open initiatives for this run');
    const insert = db.prepare(
      `INSERT INTO participants (email, name, password_hash, affiliation, role, created_at) VALUES (?, ?, ?, 'observer', 'participant', ?)`,
    );
    for (let v = 0; v < viewers; v++) insert.run(`viewer${v}@bench.example`, `Viewer ${v}`, passwordHash, new Date().toISOString());
    // One event per write, like the baseline's one broadcast: Uzbekistan's reservation keeps the
    // status at "reservations" while Kazakhstan moves between pending and endorse.
    const ids = JSON.stringify(generated.openInitiativeIds);
    db.prepare(
      `UPDATE stances SET position = CASE state_code WHEN 'UZ' THEN 'reservation' ELSE 'pending' END WHERE initiative_id IN (SELECT value FROM json_each(?))`,
    ).run(ids);
    db.prepare(`DELETE FROM initiative_partners WHERE initiative_id IN (SELECT value FROM json_each(?))`).run(ids);
    db.prepare(
      `UPDATE initiatives SET status = 'reservations', format = 'CA-5', label = 'CA-5', minus = '' WHERE id IN (SELECT value FROM json_each(?))`,
    ).run(ids);
    return generated;
  });

  const server = await startServer({ dbPath: file, demo: false, env: { CHAIKHANA_METRICS: '1', NODE_OPTIONS: '--expose-gc' } });
  try {
    const cookies: string[] = [];
    for (let v = 0; v < viewers; v++) {
      const client = new Client(server.url);
      await client.signIn(`viewer${v}@bench.example`, password);
      cookies.push(client.cookieHeader());
    }
    const writer = new Client(server.url);
    await writer.signIn(dataset.delegates.find((d) => d.state === CA_STATES[0])!.email, password);

    const results: Record<string, unknown>[] = [];
    let offset = 0;
    for (const n of SIZES) {
      const ids = dataset.openInitiativeIds.slice(offset, offset + RATE * SECONDS);
      offset += RATE * SECONDS;
      const ours = await runOurs(server, cookies, writer.cookieHeader(), ids, n);
      const bare = await runBare(n);
      const perSocket = (m: { base: Metrics; loaded: Metrics }) => ({
        heapKB: round((m.loaded.heapUsed - m.base.heapUsed) / n / 1024, 1),
        rssKB: round((m.loaded.rss - m.base.rss) / n / 1024, 1),
      });
      const row = {
        n,
        ours: {
          messagesPerWrite: ours.messagesPerWrite,
          delivery: ours.delivery,
          writer: ours.writer,
          delivered: `${ours.delivered}/${ours.expected}`,
          eventLoopDelayMs: ours.eventLoopDelayMs,
          perSocket: perSocket(ours.memory),
        },
        bare: {
          delivery: bare.delivery,
          writer: bare.writer,
          delivered: `${bare.delivered}/${bare.expected}`,
          eventLoopDelayMs: bare.eventLoopDelayMs,
          perSocket: perSocket(bare.memory),
        },
        p99Ratio: round(ours.delivery.p99 / bare.delivery.p99, 2),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }
    const report = { date: new Date().toISOString(), machine: machine(), rate: RATE, seconds: SECONDS, results };
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/socket-fanout-${Date.now()}.json`, JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
