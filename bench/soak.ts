/**
 * Soak: sockets following the dashboard and one room while writers (half change stances, half post
 * messages) write for a while — errors, server memory (RSS, heap after GC) and delivery latency;
 * then more sockets that stop reading at the TCP level while the broadcasts continue — the server
 * must drop them rather than buffer without bound, and the healthy sockets must not be dropped.
 *
 * A gate as well as a measurement: `soakViolations()` checks the report against limits (zero
 * errors, no healthy socket dropped, every stalled socket dropped, heap growth and memory during
 * the stall bounded), and the process exits with 1 when one is crossed. `npm test` runs the short
 * mode (tests/integration/soak.test.ts); the full run is a benchmark:
 *
 *   npm run build && npx tsx bench/soak.ts      (SECONDS=60 SLOW_SECONDS=150)
 */
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hash } from '@node-rs/argon2';
import { io, type Socket } from 'socket.io-client';
import { CA_STATES } from '../lib/consensus/codes';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { httpClient } from './lib/http-load';
import { machine, round, summarize } from './lib/stats';

export interface SoakOptions {
  /** Sockets that keep reading, each on the dashboard and the room. */
  healthy: number;
  /** Sockets that stop reading in the second phase. */
  slow: number;
  writers: number;
  /** Length of the healthy phase. */
  seconds: number;
  /** Longest the second phase waits for every stalled socket to be dropped. */
  slowSeconds: number;
  /** Pause of each writer between two writes. */
  thinkMs: number;
  /** Size of each message body. */
  messageBytes: number;
  dataset: { initiatives: number; events: number; rooms: number };
  /** SOCKET_MAX_BUFFERED_BYTES of the server (its default when absent). */
  maxBufferedBytes?: number;
  /**
   * The stalled sockets also follow a second room where one more writer posts as fast as it can:
   * they fill the kernel's buffers (megabytes on loopback) in seconds, not minutes, without
   * making the healthy sockets read more.
   */
  floodStalled?: boolean;
}

export const FULL: SoakOptions = {
  healthy: 300,
  slow: 100,
  writers: 50,
  seconds: Number(process.env.SECONDS ?? 60),
  slowSeconds: Number(process.env.SLOW_SECONDS ?? 150),
  thinkMs: 1000,
  messageBytes: 1080,
  dataset: { initiatives: 2000, events: 20_000, rooms: 20 },
};

/** What `npm test` runs: the same phases, smaller and faster, with a small buffer limit so stalled sockets fill it in seconds. */
export const SHORT: SoakOptions = {
  healthy: 60,
  slow: 10,
  writers: 10,
  seconds: 8,
  slowSeconds: 30,
  thinkMs: 100,
  messageBytes: 3900,
  dataset: { initiatives: 200, events: 2000, rooms: 5 },
  maxBufferedBytes: 65_536,
  floodStalled: true,
};

export interface SoakLimits {
  /**
   * Heap after GC minus heap after connecting, at the end of the steady (healthy) phase and once
   * every socket has left: flat unless something is kept per write or per socket.
   */
  maxHeapGrowthMB: number;
  /** RSS growth during the stall beyond what the stalled sockets may hold (maxBuffered each). */
  maxStallRssMarginMB: number;
}
export const LIMITS: SoakLimits = { maxHeapGrowthMB: 8, maxStallRssMarginMB: 64 };

const WARMUP_SECONDS = 2;
const DEFAULT_MAX_BUFFERED = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`soak: condition not met in ${timeoutMs} ms`);
    await sleep(20);
  }
}

interface Metrics {
  rss: number;
  heapUsed: number;
  eventLoopDelayMs: { p99: number };
}

export type SoakReport = Awaited<ReturnType<typeof runSoak>>;

export async function runSoak(options: SoakOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-soak-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const viewers = Math.ceil(options.healthy / 20);
  const dataset = await withMigratedDatabase(file, (db) => {
    const generated = generateDataset(db, { ...options.dataset, passwordHash });
    const insert = db.prepare(
      `INSERT INTO participants (email, name, password_hash, affiliation, role, created_at) VALUES (?, ?, ?, 'observer', 'participant', ?)`,
    );
    for (let v = 0; v < viewers; v++) insert.run(`viewer${v}@bench.example`, `Viewer ${v}`, passwordHash, new Date().toISOString());
    // Each stalled socket has a participant of its own: the room's presence then shows, from the
    // server's side, which of them the server still holds.
    for (let v = 0; v < options.slow; v++) insert.run(`stalled${v}@bench.example`, `Stalled ${v}`, passwordHash, new Date().toISOString());
    // The dashboard totals are rebuilt by the server at start (their table is empty).
    const [room, floodRoom] = db.prepare(`SELECT id FROM threads WHERE visibility = 'open' ORDER BY id LIMIT 2`).all() as { id: number }[];
    return { ...generated, roomId: room.id, floodRoomId: floodRoom.id };
  });
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  const server = await startServer({
    dbPath: file,
    demo: false,
    env: {
      CHAIKHANA_METRICS: '1',
      NODE_OPTIONS: '--expose-gc',
      RATE_LIMIT_MESSAGES: '1000000',
      ...(options.maxBufferedBytes ? { SOCKET_MAX_BUFFERED_BYTES: String(options.maxBufferedBytes) } : {}),
    },
  });
  const metrics = async (q = ''): Promise<Metrics> => (await fetch(`${server.url}/__metrics${q}`)).json() as Promise<Metrics>;
  try {
    const signIn = async (email: string) => {
      const c = new Client(server.url);
      await c.signIn(email, password);
      return c.cookieHeader();
    };
    const cookies: string[] = [];
    for (let v = 0; v < viewers; v++) cookies.push(await signIn(`viewer${v}@bench.example`));
    const stalledCookies: string[] = [];
    for (let v = 0; v < options.slow; v++) stalledCookies.push(await signIn(`stalled${v}@bench.example`));
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
    /** Set before the harness closes its own sockets: what follows is not the server's doing. */
    let finished = false;
    /** Who the server holds at the room's table, as the first healthy socket last heard it. */
    let atTable: string[] = [];
    const stalledAtTable = () => atTable.filter((name) => name.startsWith('Stalled ')).length;
    const open = async (count: number, stalled: boolean): Promise<Socket[]> => {
      const sockets: Socket[] = [];
      for (let i = 0; i < count; i++) {
        const cookie = stalled ? stalledCookies[i] : cookies[Math.floor(i / 20)];
        const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
        const observer = !stalled && i === 0;
        socket.on('event', (event: { type: string; payload: { note?: string; message?: { body?: string } } }) => {
          const key = event.payload.note ?? event.payload.message?.body?.slice(0, event.payload.message.body.indexOf(' '));
          const t0 = key ? sentAt.get(key) : undefined;
          if (t0 !== undefined && !stalled) latencies[phase].push(performance.now() - t0);
        });
        if (observer) {
          socket.on('presence', (presence: { threadId: number; participants: { name?: string }[] }) => {
            if (presence.threadId !== dataset.roomId) return;
            const before = stalledAtTable();
            atTable = presence.participants.map((p) => p.name ?? '');
            for (let left = before - stalledAtTable(); left > 0 && slowPhaseStarted; left--)
              droppedAfter.push((performance.now() - slowPhaseStarted) / 1000);
          });
        }
        socket.on('disconnect', () => {
          if (finished || stalled) return;
          disconnects++;
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
    const healthy = await open(options.healthy, false);
    const afterConnect = await metrics('?gc=1');

    const request = httpClient(server.url, options.writers + 4);
    const statuses = new Map<number, number>();
    const filler = ' A considered statement on the shared basin.'
      .repeat(Math.ceil(options.messageBytes / 44))
      .slice(0, options.messageBytes);
    let writes = 0;
    let stop = false;
    const samples: { t: number; rss: number; heapUsed: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(async () => {
      const m = await metrics().catch(() => null);
      if (m) samples.push({ t: round((performance.now() - started) / 1000, 0), rss: m.rss, heapUsed: m.heapUsed });
    }, 1000);
    const writers = Array.from({ length: options.writers }, async (_, w) => {
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
            : await request('POST', `/api/v1/threads/${dataset.roomId}/messages`, cookie, JSON.stringify({ body: `${key}${filler}` }));
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        writes++;
        await sleep(options.thinkMs);
      }
    });

    await sleep(WARMUP_SECONDS * 1000);
    phase = 'healthyPhase';
    await sleep((options.seconds - WARMUP_SECONDS) * 1000);
    const endHealthy = await metrics('?gc=1');
    const disconnectsBeforeSlow = disconnects;

    // Phase two: sockets that stop reading, until the server has dropped them all (or the time is up).
    phase = 'slowPhase';
    const slow = await open(options.slow, true);
    await waitUntil(() => stalledAtTable() === options.slow, 10_000);
    if (options.floodStalled)
      for (const socket of slow) await socket.emitWithAck('subscribe', { channel: `thread:${dataset.floodRoomId}` });
    slowPhaseStarted = performance.now();
    for (const socket of slow) (socket.io.engine.transport as unknown as { ws: { _socket: net.Socket } }).ws._socket.pause();
    const slowStart = await metrics();
    const slowDeadline = performance.now() + options.slowSeconds * 1000;
    const flood = (async () => {
      const cookie = { cookie: writerCookies[CA_STATES[0]] };
      for (let i = 0; options.floodStalled && stalledAtTable() > 0 && performance.now() < slowDeadline; i++) {
        const result = await request(
          'POST',
          `/api/v1/threads/${dataset.floodRoomId}/messages`,
          cookie,
          JSON.stringify({ body: `flood-${i}${filler}` }),
        );
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        writes++;
      }
    })();
    while (stalledAtTable() > 0 && performance.now() < slowDeadline) await sleep(250);
    await flood;
    const slowSeconds = (performance.now() - slowPhaseStarted) / 1000;
    stop = true;
    await Promise.all(writers);
    clearInterval(sampler);
    const end = await metrics('?gc=1');
    const slowDropped = options.slow - stalledAtTable();
    const healthyDropped = healthy.filter((s) => !s.connected).length;
    finished = true;
    // Every client leaves (the stalled ones read again, so their connections close at once): the
    // server's heap must come back down to about where it was with the sockets connected. It is
    // read until it stops shrinking (at most 10 s): a leak never comes back.
    for (const socket of slow) (socket.io.engine.transport as unknown as { ws: { _socket: net.Socket } }).ws._socket.resume();
    healthy.concat(slow).forEach((s) => s.disconnect());
    let afterClosing = await metrics('?gc=1');
    for (const until = performance.now() + 10_000; performance.now() < until;) {
      await sleep(500);
      const next = await metrics('?gc=1');
      const settled = afterClosing.heapUsed - next.heapUsed < 256 * 1024;
      afterClosing = next;
      if (settled) break;
    }

    const mb = (n: number) => round(n / 2 ** 20, 1);
    return {
      date: new Date().toISOString(),
      machine: machine(),
      options,
      writes,
      writesPerSecond: round(writes / (options.seconds + slowSeconds), 0),
      errors: writes - (statuses.get(200) ?? 0) - (statuses.get(201) ?? 0),
      statuses: Object.fromEntries(statuses),
      healthyDisconnects: disconnectsBeforeSlow + healthyDropped,
      rssMB: {
        start: mb(start.rss),
        afterConnecting: mb(afterConnect.rss),
        peak: mb(Math.max(...samples.map((s) => s.rss))),
        endOfHealthyPhase: mb(endHealthy.rss),
        slowPhaseStart: mb(slowStart.rss),
        slowPhasePeak: mb(Math.max(slowStart.rss, ...samples.filter((s) => s.t >= options.seconds).map((s) => s.rss))),
        end: mb(end.rss),
      },
      heapMB: {
        afterConnecting: mb(afterConnect.heapUsed),
        endOfHealthyPhase: mb(endHealthy.heapUsed),
        end: mb(end.heapUsed),
        afterClosing: mb(afterClosing.heapUsed),
      },
      samples: samples.map((s) => ({ t: s.t, rssMB: mb(s.rss), heapMB: mb(s.heapUsed) })),
      deliveryMs: {
        warmup: summarize(latencies.warmup),
        healthyPhase: summarize(latencies.healthyPhase),
        withSlowConsumers: summarize(latencies.slowPhase),
      },
      slowConsumers: {
        sockets: options.slow,
        /** Counted from the server's side: the stalled participants gone from the room's presence. */
        droppedByServer: slowDropped,
        droppedAfterSeconds: summarize(droppedAfter),
        maxBufferedBytes: maxBuffered,
      },
      eventLoopDelayP99Ms: round(end.eventLoopDelayMs.p99, 1),
    };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The limits a soak run must stay within; each crossed one, in words. */
export function soakViolations(report: SoakReport, limits: SoakLimits = LIMITS): string[] {
  const violations: string[] = [];
  if (report.errors !== 0) violations.push(`${report.errors} writes failed (${JSON.stringify(report.statuses)})`);
  if (report.writes === 0) violations.push('no write was made');
  if (report.healthyDisconnects !== 0) violations.push(`${report.healthyDisconnects} healthy sockets were dropped`);
  if (report.slowConsumers.droppedByServer !== report.slowConsumers.sockets)
    violations.push(`${report.slowConsumers.droppedByServer} of ${report.slowConsumers.sockets} stalled sockets dropped`);
  const steadyGrowth = report.heapMB.endOfHealthyPhase - report.heapMB.afterConnecting;
  if (steadyGrowth > limits.maxHeapGrowthMB)
    violations.push(`heap grew by ${round(steadyGrowth, 1)} MB under steady load (limit ${limits.maxHeapGrowthMB} MB)`);
  const leftOver = report.heapMB.afterClosing - report.heapMB.afterConnecting;
  if (leftOver > limits.maxHeapGrowthMB)
    violations.push(
      `heap was ${round(leftOver, 1)} MB above its level with the sockets connected once they had all left (limit ${limits.maxHeapGrowthMB} MB)`,
    );
  const stallBudget = (report.slowConsumers.sockets * report.slowConsumers.maxBufferedBytes) / 2 ** 20 + limits.maxStallRssMarginMB;
  const stallGrowth = report.rssMB.slowPhasePeak - report.rssMB.slowPhaseStart;
  if (stallGrowth > stallBudget)
    violations.push(`RSS grew by ${round(stallGrowth, 1)} MB while sockets stalled (limit ${round(stallBudget, 1)} MB)`);
  return violations;
}

async function main() {
  const report = await runSoak(FULL);
  const violations = soakViolations(report);
  console.log(JSON.stringify({ ...report, violations }, null, 2));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/soak-${Date.now()}.json`, JSON.stringify({ ...report, violations }, null, 2));
  if (violations.length) {
    console.error(`soak: limits crossed:\n- ${violations.join('\n- ')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
