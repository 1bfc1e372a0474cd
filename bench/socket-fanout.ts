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
import { CA_STATES } from '../lib/consensus/codes';
import { Client } from '../tests/helpers/client';
import { startServer, type TestServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import {
  drive,
  endorseAsKazakhstan,
  fanoutDataset,
  metrics,
  openSockets,
  PER_PARTICIPANT,
  sleep,
  viewerCookies,
  type Metrics,
} from './lib/fanout';
import { httpClient } from './lib/http-load';
import { machine, round, summarize } from './lib/stats';

const SIZES = (process.env.SIZES ?? '500,1000,2000').split(',').map(Number);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 15);

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
    { rate: RATE, seconds: SECONDS },
    n,
    async (i) => {
      const id = initiativeIds[i];
      byInitiative.set(id, i);
      await endorseAsKazakhstan(request, writerCookie, id);
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
    const result = await drive(
      { rate: RATE, seconds: SECONDS },
      n,
      async (i) => void (await request('POST', '/emit', {}, JSON.stringify(payload(i)))),
      sentAt,
      deliveries,
    );
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
  const dataset = await withMigratedDatabase(file, (db) =>
    fanoutDataset(db, { initiatives: 2 * RATE * SECONDS * SIZES.length + 100, viewers, passwordHash }),
  );
  // Only initiatives in open rooms are written to (every viewer sees them): about half of all.
  if (dataset.openInitiativeIds.length < RATE * SECONDS * SIZES.length) throw new Error('Too few open initiatives for this run');

  const server = await startServer({ dbPath: file, demo: false, env: { CHAIKHANA_METRICS: '1', NODE_OPTIONS: '--expose-gc' } });
  try {
    const cookies = await viewerCookies(server.url, viewers, password);
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
