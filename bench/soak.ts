/**
 * Soak: 300 sockets following the dashboard and one room, and 50 writers (half change stances,
 * half post 1 KB messages, each once a second) for 60 s — errors, server memory (RSS at start,
 * peak, end) and delivery latency; then 100 more sockets that stop reading at the TCP level while
 * the broadcasts continue — the server must drop them rather than buffer without bound (default
 * SOCKET_MAX_BUFFERED_BYTES), and the healthy sockets must not slow down.
 *
 *   npm run build && npx tsx bench/soak.ts      (SECONDS=60 SLOW_SECONDS=150)
 */
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { io, type Socket } from 'socket.io-client';
import { CA_STATES } from '../lib/consensus/codes';
import { rebuildDashboardTotals } from '../lib/services/dashboard/totals';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { httpClient } from './lib/http-load';
import { machine, round, summarize } from './lib/stats';

const SECONDS = Number(process.env.SECONDS ?? 60);
const SLOW_SECONDS = Number(process.env.SLOW_SECONDS ?? 150);
const WARMUP_SECONDS = 5;
const HEALTHY = 300;
const SLOW = 100;
const WRITERS = 50;
const THINK_MS = 1000;
const FILLER = ' A considered statement on the shared basin.'.repeat(24);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Metrics {
  rss: number;
  heapUsed: number;
  eventLoopDelayMs: { p99: number };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-soak-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const viewers = Math.ceil((HEALTHY + SLOW) / 20);
  const dataset = await withMigratedDatabase(file, (db) => {
    const generated = generateDataset(db, { initiatives: 2000, events: 20_000, passwordHash, rooms: 20 });
    const insert = db.prepare(
      `INSERT INTO participants (email, name, password_hash, affiliation, role, created_at) VALUES (?, ?, ?, 'observer', 'participant', ?)`,
    );
    for (let v = 0; v < viewers; v++) insert.run(`viewer${v}@bench.example`, `Viewer ${v}`, passwordHash, new Date().toISOString());
    rebuildDashboardTotals();
    const room = db.prepare(`SELECT id FROM threads WHERE visibility = 'open' ORDER BY id LIMIT 1`).get() as { id: number };
    return { ...generated, roomId: room.id };
  });
  const server = await startServer({
    dbPath: file,
    demo: false,
    env: { CHAIKHANA_METRICS: '1', NODE_OPTIONS: '--expose-gc', RATE_LIMIT_MESSAGES: '1000000' },
  });
  const metrics = async (q = ''): Promise<Metrics> => (await fetch(`${server.url}/__metrics${q}`)).json() as Promise<Metrics>;
  try {
    const cookies: string[] = [];
    for (let v = 0; v < viewers; v++) {
      const c = new Client(server.url);
      await c.signIn(`viewer${v}@bench.example`, password);
      cookies.push(c.cookieHeader());
    }
    const writerCookies: Record<string, string> = {};
    for (const d of dataset.delegates) {
      const c = new Client(server.url);
      await c.signIn(d.email, password);
      writerCookies[d.state] = c.cookieHeader();
    }

    const sentAt = new Map<string, number>();
    const latencies: { warmup: number[]; healthyPhase: number[]; slowPhase: number[] } = { warmup: [], healthyPhase: [], slowPhase: [] };
    let phase: keyof typeof latencies = 'warmup';
    let slowPhaseStarted = 0;
    const droppedAfter: number[] = [];
    let disconnects = 0;
    const open = async (count: number, offset: number): Promise<Socket[]> => {
      const sockets: Socket[] = [];
      for (let i = 0; i < count; i++) {
        const socket = io(server.url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie: cookies[Math.floor((offset + i) / 20)] },
        });
        socket.on('event', (event: { type: string; payload: { note?: string; message?: { body?: string } } }) => {
          const key = event.payload.note ?? event.payload.message?.body?.slice(0, event.payload.message.body.indexOf(' '));
          const t0 = key ? sentAt.get(key) : undefined;
          if (t0 !== undefined && offset === 0) latencies[phase].push(performance.now() - t0);
        });
        socket.on('disconnect', () => {
          disconnects++;
          if (offset >= HEALTHY) droppedAfter.push((performance.now() - slowPhaseStarted) / 1000);
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        await socket.emitWithAck('subscribe', { channel: 'dashboard' });
        await socket.emitWithAck('subscribe', { channel: `thread:${dataset.roomId}` });
        sockets.push(socket);
      }
      return sockets;
    };
    await metrics('?gc=1&reset=1');
    const start = await metrics();
    const healthy = await open(HEALTHY, 0);
    const afterConnect = await metrics('?gc=1');

    const request = httpClient(server.url, WRITERS + 4);
    const statuses = new Map<number, number>();
    let writes = 0;
    let stop = false;
    const samples: { t: number; rss: number; heapUsed: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(async () => {
      const m = await metrics();
      samples.push({ t: round((performance.now() - started) / 1000, 0), rss: m.rss, heapUsed: m.heapUsed });
    }, 5000);
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const state = CA_STATES[w % 5];
      for (let i = 0; !stop; i++) {
        const key = `w${w}-${i}`;
        sentAt.set(key, performance.now());
        const cookie = { cookie: writerCookies[state] };
        const result =
          w % 2 === 0
            ? await request(
                'PUT',
                `/api/v1/initiatives/${dataset.openInitiativeIds[(w * 7919 + i * 31) % dataset.openInitiativeIds.length]}/stances/${state}`,
                cookie,
                JSON.stringify({ position: i % 2 ? 'endorse' : 'pending', note: key }),
              )
            : await request('POST', `/api/v1/threads/${dataset.roomId}/messages`, cookie, JSON.stringify({ body: `${key}${FILLER}` }));
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        writes++;
        await sleep(THINK_MS);
      }
    });

    await sleep(WARMUP_SECONDS * 1000);
    phase = 'healthyPhase';
    await sleep((SECONDS - WARMUP_SECONDS) * 1000);
    const endHealthy = await metrics('?gc=1');
    const disconnectsBeforeSlow = disconnects;

    // Phase two: 100 sockets that stop reading.
    phase = 'slowPhase';
    const slow = await open(SLOW, HEALTHY);
    slowPhaseStarted = performance.now();
    for (const socket of slow) (socket.io.engine.transport as unknown as { ws: { _socket: net.Socket } }).ws._socket.pause();
    const slowStart = await metrics();
    await sleep(SLOW_SECONDS * 1000);
    stop = true;
    await Promise.all(writers);
    clearInterval(sampler);
    const end = await metrics('?gc=1');
    const slowDropped = slow.filter((s) => !s.connected).length;
    healthy.concat(slow).forEach((s) => s.disconnect());

    const mb = (n: number) => round(n / 2 ** 20, 1);
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      healthySockets: HEALTHY,
      writers: WRITERS,
      seconds: SECONDS,
      writes,
      writesPerSecond: round(writes / (SECONDS + SLOW_SECONDS), 0),
      errors: writes - (statuses.get(200) ?? 0) - (statuses.get(201) ?? 0),
      statuses: Object.fromEntries(statuses),
      healthyDisconnects: disconnectsBeforeSlow,
      rssMB: {
        start: mb(start.rss),
        afterConnecting: mb(afterConnect.rss),
        peak: mb(Math.max(...samples.map((s) => s.rss))),
        endOfHealthyPhase: mb(endHealthy.rss),
        slowPhaseStart: mb(slowStart.rss),
        end: mb(end.rss),
      },
      heapMB: { afterConnecting: mb(afterConnect.heapUsed), endOfHealthyPhase: mb(endHealthy.heapUsed), end: mb(end.heapUsed) },
      samples: samples.map((s) => ({ t: s.t, rssMB: mb(s.rss), heapMB: mb(s.heapUsed) })),
      deliveryMs: {
        warmup: summarize(latencies.warmup),
        healthyPhase: summarize(latencies.healthyPhase),
        withSlowConsumers: summarize(latencies.slowPhase),
      },
      slowConsumers: {
        sockets: SLOW,
        droppedByServer: slowDropped,
        droppedAfterSeconds: summarize(droppedAfter),
        rssMBDuringSlowPhase: samples.filter((s) => s.t >= SECONDS).map((s) => mb(s.rss)),
      },
      eventLoopDelayP99Ms: round(end.eventLoopDelayMs.p99, 1),
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/soak-${Date.now()}.json`, JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
